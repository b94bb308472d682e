package io.warden.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code myid} file in {@code dataDir}: the server's id in the ensemble, as a ZooKeeper user
 * writes it ({@code echo 2 > dataDir/myid}).
 */
public final class MyIdFile {
    static final String NAME = "myid";
    /** The file is a number; anything longer is not a myid file. */
    private static final int BYTES_MAX = 64;

    private MyIdFile() {
    }

    /** The id the file holds; the message of the exception names the file and what is wrong. */
    public static long read(Path dataDir) throws IOException {
        Path file = dataDir.resolve(NAME);
        byte[] bytes;
        try {
            if (Files.size(file) > BYTES_MAX) {
                throw new IOException(file + ": not a server id (more than " + BYTES_MAX + " bytes)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " is missing: an ensemble member needs its server id there"
                    + " (the N of its server.N line)", e);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII).trim();
        try {
            long id = Long.parseLong(text);
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new IOException(file + ": expected a server id (a non-negative integer), got '" + text + "'", e);
        }
    }

    public static void write(Path dataDir, long id) throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve(NAME), id + "\n", StandardCharsets.US_ASCII);
    }
}
