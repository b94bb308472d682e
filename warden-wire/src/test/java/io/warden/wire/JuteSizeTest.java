package io.warden.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.warden.wire.proto.WatcherEvent;
import io.warden.wire.testing.Gen;

/** A size counted without encoding equals the length of the encoding, for every record and string. */
class JuteSizeTest {

    @Test
    void everyRequestRecordMeasuresAsItEncodes() {
        for (long seed = 1; seed <= 200; seed++) {
            Gen g = new Gen(seed);
            for (Map.Entry<Integer, Record> body : RequestSamples.bodies(g).entrySet()) {
                assertThat(JuteSize.of(body.getValue())).as("seed %d op %d", seed, body.getKey())
                        .isEqualTo(body.getValue().toBytes().length);
                RequestHeader header = new RequestHeader(g.anyInt(), body.getKey());
                assertThat(Frames.requestSize(header, body.getValue())).as("seed %d op %d frame", seed, body.getKey())
                        .isEqualTo(Frames.request(header, body.getValue()).length);
            }
            WatcherEvent event = new WatcherEvent(g.anyInt(), g.anyInt(), g.string());
            assertThat(Frames.notificationSize(7, event)).isEqualTo(Frames.notification(7, event).length);
            ReplyHeader reply = new ReplyHeader(g.anyInt(), g.anyLong(), g.anyInt());
            assertThat(Frames.replySize(reply, null)).isEqualTo(Frames.reply(reply, null).length);
        }
    }

    @Test
    void utf8LengthMatchesTheEncoderForEveryKindOfCharacter() {
        String[] samples = {"", "ascii", "\u00e9t\u00e9", "\u07ff\u0800", "\uffff", "\ud83d\ude00", "a\ud83db",
                "\ude00", "x\ud800", "\u0000\u007f\u0080"};
        for (String sample : samples) {
            assertThat(JuteSize.utf8Length(sample)).as("%s", sample)
                    .isEqualTo(sample.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
