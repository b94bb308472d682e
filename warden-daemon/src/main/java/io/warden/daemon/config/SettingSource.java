package io.warden.daemon.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entries of one file plus the system properties, looked up with ZooKeeper's precedence for
 * each kind of setting (see {@link ServerConfig}). Remembers which keys were used, so that the rest
 * can be reported as unknown.
 */
final class SettingSource {
    private final String source;
    private final Map<String, CfgEntry> entries = new LinkedHashMap<>();
    private final Map<String, String> systemProperties;
    private final Path workingDir;
    private final List<String> warnings;
    private final Set<String> used = new HashSet<>();

    /**
     * @param entries the file's entries in order; when a key repeats, the later entry wins, as with
     *     {@code Properties}, and a warning says so
     */
    SettingSource(
            String source,
            List<CfgEntry> entries,
            Map<String, String> systemProperties,
            Path workingDir,
            List<String> warnings) {
        this.source = source;
        this.systemProperties = Map.copyOf(withoutNulls(systemProperties));
        this.workingDir = workingDir;
        this.warnings = warnings;
        for (CfgEntry entry : entries) {
            CfgEntry earlier = this.entries.remove(entry.key());
            if (earlier != null) {
                warnings.add(source + " line " + entry.line() + ": key '" + entry.key()
                        + "' repeats line " + earlier.line() + "; the later value wins, as in ZooKeeper");
            }
            this.entries.put(entry.key(), entry);
        }
    }

    /** Another file read alongside this one (the dynamic configuration file): no system properties, same warnings. */
    SettingSource forOtherFile(String otherSource, List<CfgEntry> otherEntries) {
        return new SettingSource(otherSource, otherEntries, Map.of(), workingDir, warnings);
    }

    String source() {
        return source;
    }

    Path workingDir() {
        return workingDir;
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    /** A problem with the file as a whole, such as a missing required key. */
    ConfigException error(String message) {
        return new ConfigException(source + ": " + message);
    }

    /** A key ZooKeeper's parser handles itself: only the file counts. {@code null} when absent. */
    RawValue file(String key) {
        CfgEntry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        used.add(key);
        return RawValue.fromFile(source, entry);
    }

    boolean fileHas(String key) {
        return entries.containsKey(key);
    }

    /**
     * A key ZooKeeper turns into {@code zookeeper.<key>}: the file wins, then that system property.
     * {@code null} when neither is set.
     */
    RawValue fileThenZookeeperProperty(String key) {
        RawValue fromFile = file(key);
        return fromFile != null ? fromFile : property(key, "zookeeper." + key);
    }

    /**
     * A setting ZooKeeper reads only from the system property {@code name} (no prefix). In the
     * file it would become {@code zookeeper.<name>}, which nothing reads: warn and ignore it.
     * {@code null} when the property is not set.
     */
    RawValue propertyOnly(String name) {
        RawValue ignored = file(name);
        if (ignored != null) {
            warn(ignored.warning(name
                    + " has no effect in a configuration file: ZooKeeper reads it only as the Java system property "
                    + name + " (ignored)"));
        }
        return property(name, name);
    }

    /**
     * A setting ZooKeeper reads only from the system property {@code name}, which Warden also
     * accepts in the file: the property wins, as it is what ZooKeeper would use; a file value
     * counts when no property is set, with a note that ZooKeeper itself would ignore it.
     * {@code null} when neither is set.
     */
    RawValue propertyOrFile(String name) {
        RawValue fromFile = file(name);
        RawValue fromProperty = property(name, name);
        if (fromFile != null && fromProperty == null) {
            warn(fromFile.warning(name + " is read from the configuration file; note that ZooKeeper itself reads it"
                    + " only as the Java system property " + name));
        }
        return fromProperty != null ? fromProperty : fromFile;
    }

    /**
     * A setting of Warden's own that only the system property {@code name} sets; the file is not
     * looked at, so a line for it there stays an unknown key (warned about and ignored). {@code
     * null} when the property is not set.
     */
    RawValue wardenPropertyOnly(String name) {
        return property(name, name);
    }

    /** Entries whose key starts with {@code prefix}, in file order. */
    List<RawValue> fileWithPrefix(String prefix) {
        List<RawValue> found = new ArrayList<>();
        for (CfgEntry entry : entries.values()) {
            if (entry.key().startsWith(prefix)) {
                used.add(entry.key());
                found.add(RawValue.fromFile(source, entry));
            }
        }
        return found;
    }

    /** Entries not looked up so far, in file order. */
    List<CfgEntry> unused() {
        return entries.values().stream().filter(e -> !used.contains(e.key())).toList();
    }

    private RawValue property(String key, String propertyName) {
        String value = systemProperties.get(propertyName);
        return value == null ? null : RawValue.fromProperty(key, propertyName, value);
    }

    private static Map<String, String> withoutNulls(Map<String, String> map) {
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
