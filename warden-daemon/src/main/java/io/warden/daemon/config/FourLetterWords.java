package io.warden.daemon.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code 4lw.commands.whitelist} rules of ZooKeeper 3.9's {@code FourLetterCommands}: a
 * comma-separated list, each name trimmed, empty names skipped, {@code *} enables every command;
 * {@code srvr} is always enabled (zkServer.sh needs it) and {@code isro} too when the system
 * property {@code readonlymode.enabled} is exactly {@code true}.
 */
final class FourLetterWords {
    /** Every four-letter word ZooKeeper 3.9 knows. */
    static final List<String> ALL = List.of(
            "conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "hash", "isro",
            "mntr", "ruok", "srst", "srvr", "stat", "stmk", "wchc", "wchp", "wchs");

    private FourLetterWords() {}

    /**
     * @param whitelist the setting, or {@code null} when absent
     * @param readOnlyModeEnabled the value of the system property {@code readonlymode.enabled}, or
     *     {@code null}
     * @param warnings receives a warning for each name that is not a four-letter word
     */
    static Set<String> enabled(RawValue whitelist, String readOnlyModeEnabled, Consumer<String> warnings) {
        Set<String> enabled = new LinkedHashSet<>();
        if (whitelist != null) {
            for (String item : whitelist.text().split(",")) {
                String name = item.trim();
                if (name.equals("*")) {
                    enabled.addAll(ALL);
                    break;
                }
                if (name.isEmpty()) {
                    continue;
                }
                if (!ALL.contains(name)) {
                    warnings.accept(whitelist.warning("'" + name + "' is not a four-letter word ZooKeeper knows"));
                }
                enabled.add(name);
            }
        }
        if ("true".equals(readOnlyModeEnabled)) {
            enabled.add("isro");
        }
        enabled.addAll(Defaults.FOUR_LETTER_WORDS);
        return enabled;
    }
}
