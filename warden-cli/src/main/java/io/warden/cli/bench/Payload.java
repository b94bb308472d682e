package io.warden.cli.bench;

/** The data the bench writes: {@code size} printable bytes, the same on every run. */
final class Payload {
    private Payload() {
    }

    static byte[] of(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        return data;
    }
}
