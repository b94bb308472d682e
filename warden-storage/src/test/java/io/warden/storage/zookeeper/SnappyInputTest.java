package io.warden.storage.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipException;

import org.junit.jupiter.api.Test;
import org.xerial.snappy.SnappyOutputStream;

/** What snappy-java's stream writes (as ZooKeeper's .snappy snapshots) reads back unchanged. */
class SnappyInputTest {
    private static byte[] compress(byte[] data, int blockBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SnappyOutputStream snappy = new SnappyOutputStream(out, blockBytes)) {
            snappy.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] uncompress(byte[] compressed) throws IOException {
        try (SnappyInput in = new SnappyInput(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    /** Repetitive text with random stretches: literals of every length, near and far copies. */
    private static byte[] sample(int size) {
        Random random = new Random(42);
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            String text = "/zookeeper/node-" + (i % 97);
            data[i] = (i / 700) % 3 == 0 ? (byte) random.nextInt() : (byte) text.charAt(i % 11);
        }
        return data;
    }

    @Test
    void readsBackEveryBlock() throws IOException {
        for (int size : new int[] {0, 1, 59, 60, 61, 300, 70_000, 300_000}) {
            byte[] data = sample(size);
            assertThat(uncompress(compress(data, 32 * 1024))).as("%d bytes", size).isEqualTo(data);
            assertThat(uncompress(compress(data, 1024))).as("%d bytes in small blocks", size).isEqualTo(data);
        }
    }

    @Test
    void damageIsReportedWithItsOffset() throws IOException {
        byte[] compressed = compress(sample(5000), 32 * 1024);

        byte[] badMagic = compressed.clone();
        badMagic[1] = 'X';
        assertThatThrownBy(() -> uncompress(badMagic)).isInstanceOf(ZipException.class)
                .hasMessage("not snappy-java data (bad magic at offset 1)");

        byte[] cut = Arrays.copyOf(compressed, compressed.length - 10);
        assertThatThrownBy(() -> uncompress(cut)).isInstanceOf(IOException.class)
                .hasMessage("the file ends inside the block at offset 16");

        byte[] badLength = compressed.clone();
        badLength[16] = (byte) 0x80;
        assertThatThrownBy(() -> uncompress(badLength)).isInstanceOf(ZipException.class)
                .hasMessageStartingWith("bad block length -");
    }
}
