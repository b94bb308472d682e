package io.warden.daemon.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test helper: parses lines named {@code zoo.cfg} against a fixed working directory. */
final class Cfg {
    static final Path WORKING_DIR = Path.of("/srv/warden").toAbsolutePath();

    private Cfg() {}

    static ParsedConfig parse(String... lines) throws ConfigException {
        return parseWith(Map.of(), lines);
    }

    static ParsedConfig parseWith(Map<String, String> systemProperties, String... lines) throws ConfigException {
        return ZooCfgParser.parse(List.of(lines), "zoo.cfg", systemProperties, WORKING_DIR);
    }

    static ServerConfig config(String... lines) throws ConfigException {
        return parse(lines).config();
    }
}
