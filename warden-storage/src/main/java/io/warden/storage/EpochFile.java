package io.warden.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A replica's epochs, one small file each in the snapshot directory, named and written as
 * ZooKeeper does: the decimal number and a newline, so that an operator can read them. A write
 * replaces the file atomically and durably ({@link AtomicFiles}): after a crash the file holds the
 * old number or the new one.
 */
public final class EpochFile {
    /** ZAB's acceptedEpoch: the newest epoch this server promised to follow. */
    public static final String ACCEPTED_EPOCH = "acceptedEpoch";
    /** ZAB's currentEpoch: the epoch of the last leader this server synchronised with. */
    public static final String CURRENT_EPOCH = "currentEpoch";
    /** The largest epoch a zxid can carry. */
    static final long EPOCH_MAX = 0x7FFF_FFFFL;
    /** The most bytes an epoch file may hold: ten digits and a newline, with room for leading zeros. */
    static final int FILE_BYTES_MAX = 32;

    private EpochFile() {
    }

    /**
     * The epoch in file {@code name}, or {@code defaultValue} when there is no such file.
     *
     * @throws CorruptDataException when the file is not a decimal epoch and an optional newline
     */
    public static long read(FileStore store, String name, long defaultValue) throws IOException, CorruptDataException {
        if (!store.list().contains(name)) {
            return defaultValue;
        }
        long size = store.size(name);
        if (size > FILE_BYTES_MAX) {
            throw new CorruptDataException(store.describe(name), 0, "holds " + size + " bytes, not an epoch");
        }
        byte[] bytes = store.readAll(name);
        int digits = bytes.length > 0 && bytes[bytes.length - 1] == '\n' ? bytes.length - 1 : bytes.length;
        long value = 0;
        for (int i = 0; i < digits; i++) {
            if (bytes[i] < '0' || bytes[i] > '9' || value > EPOCH_MAX) {
                throw new CorruptDataException(store.describe(name), 0, "not an epoch: \"" + printable(bytes) + "\"");
            }
            value = value * 10 + (bytes[i] - '0');
        }
        if (digits == 0 || value > EPOCH_MAX) {
            throw new CorruptDataException(store.describe(name), 0, "not an epoch: \"" + printable(bytes) + "\"");
        }
        return value;
    }

    /** Replaces file {@code name} with {@code value}, durably: the old number or the new one survives a crash. */
    public static void write(FileStore store, String name, long value) throws IOException {
        if (value < 0 || value > EPOCH_MAX) {
            throw new IllegalArgumentException("epoch " + value + " for " + store.describe(name)
                    + " is out of range 0.." + EPOCH_MAX);
        }
        AtomicFiles.write(store, name, (value + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** The file's content for a message: printable ASCII as is, anything else escaped. */
    private static String printable(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format("\\x%02x", b & 0xFF));
            }
        }
        return text.toString();
    }
}
