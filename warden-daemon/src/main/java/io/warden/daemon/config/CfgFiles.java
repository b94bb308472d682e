package io.warden.daemon.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a configuration file's lines. ZooKeeper loads {@code zoo.cfg} with {@code
 * Properties.load(InputStream)}, which decodes ISO-8859-1; so do we, so that every byte means the
 * same (non-Latin-1 text needs {@code \}{@code uXXXX} escapes in both).
 */
final class CfgFiles {
    private CfgFiles() {}

    static List<String> readLines(Path file, String errorPrefix) throws ConfigException {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new ConfigException(errorPrefix + ": file not found: " + file, e);
        } catch (IOException e) {
            throw new ConfigException(errorPrefix + ": cannot read " + file + ": " + e, e);
        }
    }
}
