package io.warden.daemon.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses a ZooKeeper {@code zoo.cfg} into a {@link ServerConfig}, as ZooKeeper 3.9 would read it.
 *
 * <p>The syntax is that of {@code java.util.Properties} (ZooKeeper loads the file with {@code
 * Properties.load}): {@code #} and {@code !} comment lines, {@code key=value}, {@code key: value}
 * and {@code key value}, backslash continuations and escapes, ISO-8859-1 bytes; keys and values are
 * trimmed; there are no end-of-line comments; when a key repeats, the last value wins (with a
 * warning). Booleans of ZooKeeper's own keys are {@code true}/{@code false} in any case; the
 * system-property settings keep ZooKeeper's looser readings (see {@link ServerConfig} for each
 * setting's source and precedence). Relative paths are resolved against the working directory.
 *
 * <p>Unknown keys are not errors: each gives a warning and is kept in {@link
 * ServerConfig#extraKeys()}. Keys under {@code metricsProvider.} are kept without a warning, since
 * ZooKeeper hands them to the metrics provider.
 */
public final class ZooCfgParser {
    private static final String METRICS_PROVIDER_PREFIX = "metricsProvider.";

    private ZooCfgParser() {}

    /**
     * Reads and parses a configuration file.
     *
     * @param systemProperties the JVM's system properties, e.g. {@code System.getProperties()}
     *     copied into a map by the caller; this class reads no global state
     */
    public static ParsedConfig parse(Path file, Map<String, String> systemProperties) throws ConfigException {
        return parse(file, systemProperties, currentDirectory());
    }

    /**
     * Parses the lines of a configuration file.
     *
     * @param sourceName how errors and warnings name the file, e.g. {@code zoo.cfg}
     * @param systemProperties the JVM's system properties, as a map
     */
    public static ParsedConfig parse(List<String> lines, String sourceName, Map<String, String> systemProperties)
            throws ConfigException {
        return parse(lines, sourceName, systemProperties, currentDirectory());
    }

    static ParsedConfig parse(Path file, Map<String, String> systemProperties, Path workingDir)
            throws ConfigException {
        String sourceName = file.toString();
        return parse(CfgFiles.readLines(workingDir.resolve(file), sourceName), sourceName, systemProperties, workingDir);
    }

    static ParsedConfig parse(
            List<String> lines, String sourceName, Map<String, String> systemProperties, Path workingDir)
            throws ConfigException {
        List<String> warnings = new ArrayList<>();
        SettingSource src = new SettingSource(
                sourceName, PropertiesSyntax.read(lines, sourceName), systemProperties, workingDir, warnings);
        ServerConfigBuilder builder = new ServerConfigBuilder();
        CoreSettings.read(src, builder);
        PropertySettings.read(src, builder);
        EnsembleSettings.read(src, builder);
        ClientBounds.read(src, builder);
        keepUnknownKeys(src, builder);
        return new ParsedConfig(builder.build(), warnings);
    }

    private static void keepUnknownKeys(SettingSource src, ServerConfigBuilder builder) {
        for (CfgEntry entry : src.unused()) {
            if (!entry.key().startsWith(METRICS_PROVIDER_PREFIX)) {
                src.warn(src.source() + " line " + entry.line() + ": unknown key '" + entry.key() + "' (ignored)");
            }
            builder.extraKeys.put(entry.key(), entry.value());
        }
    }

    private static Path currentDirectory() {
        return Path.of("").toAbsolutePath();
    }
}
