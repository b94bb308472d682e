package io.warden.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.warden.wire.proto.GetChildren2Response;
import io.warden.wire.proto.GetChildrenResponse;

/**
 * A list built from the strings' UTF-8 bytes is the same list as the strings themselves, and
 * encodes to the same bytes, in every way a reply is written, sized and read back.
 */
class EncodedStringsTest {
    private static final String ALPHABET = "abcXYZ09-_.é€\u4e2d😀";

    @Test
    void sameListAndSameBytesAsTheStrings() throws Exception {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            List<String> strings = new ArrayList<>();
            int count = random.nextInt(seed % 10 == 0 ? 300 : 12);
            EncodedStrings.Builder builder = new EncodedStrings.Builder(random.nextInt(4)); // a wrong hint grows
            for (int i = 0; i < count; i++) {
                String s = randomString(random);
                strings.add(s);
                byte[] padded = ("<<" + s + ">>").getBytes(StandardCharsets.UTF_8);
                builder.add(padded, 2, padded.length - 4);
            }
            EncodedStrings encoded = builder.build();
            String seedSays = "seed " + seed;

            assertThat(encoded).as(seedSays).isEqualTo(strings).hasSize(count);
            assertThat(encoded.hashCode()).as(seedSays).isEqualTo(strings.hashCode());

            JuteOutput expected = new JuteOutput(16);
            new GetChildrenResponse(strings).writeTo(expected);
            JuteOutput actual = new JuteOutput(16);
            GetChildrenResponse reply = new GetChildrenResponse(encoded);
            reply.writeTo(actual);
            assertThat(actual.toByteArray()).as(seedSays).isEqualTo(expected.toByteArray());
            assertThat(JuteSize.of(reply)).as(seedSays).isEqualTo(expected.size());
            assertThat(new JuteInput(actual.toByteArray()).readStringList()).as(seedSays).isEqualTo(strings);

            Stat stat = new Stat(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            JuteOutput expected2 = new JuteOutput(16);
            new GetChildren2Response(strings, stat).writeTo(expected2);
            JuteOutput actual2 = new JuteOutput(16);
            new GetChildren2Response(encoded, stat).writeTo(actual2);
            assertThat(actual2.toByteArray()).as(seedSays).isEqualTo(expected2.toByteArray());
        }
    }

    @Test
    void isImmutableAndChecksItsIndex() {
        byte[] name = "a".getBytes(StandardCharsets.UTF_8);
        EncodedStrings encoded = new EncodedStrings.Builder(1).add(name, 0, 1).build();
        assertThatThrownBy(() -> encoded.add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> encoded.set(0, "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> encoded.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> encoded.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        // the reply keeps it as it is rather than copying it into strings
        assertThat(new GetChildrenResponse(encoded).children()).isSameAs(encoded);
    }

    private static String randomString(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0,
                    random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        return s.toString();
    }
}
