package io.warden.daemon.admin;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The AdminServer's command names: ZooKeeper 3.9's primary names and their aliases, which of them
 * Warden answers, and which change state and so need authentication.
 */
final class AdminCommands {
    /** Commands that change state; ZooKeeper requires an {@code Authorization} header for them. */
    static final Set<String> NEED_AUTHENTICATION = Set.of("snapshot", "restore");
    /** Primary names answered by {@link io.warden.server.AdminReports}. */
    static final Set<String> REPORTS = Set.of("ruok", "server_stats", "stats", "monitor", "configuration",
            "environment", "connections", "watch_summary", "watches", "watches_by_path", "dump", "is_read_only",
            "observers", "hash");
    /** Primary names an ensemble member answers from its consensus core ({@link EnsembleCommands}). */
    static final Set<String> ENSEMBLE_COMMANDS = Set.of("leader", "voting_view", "observers");

    /** Every alias (and primary name) to its primary name, for the commands Warden answers. */
    private static final Map<String, String> PRIMARY = aliases();

    private AdminCommands() {
    }

    private static Map<String, String> aliases() {
        Map<String, String> map = new TreeMap<>();
        alias(map, "ruok");
        alias(map, "server_stats", "srvr");
        alias(map, "stats", "stat");
        alias(map, "monitor", "mntr");
        alias(map, "configuration", "conf", "config");
        alias(map, "environment", "env", "envi");
        alias(map, "connections", "cons");
        alias(map, "watch_summary", "wchs");
        alias(map, "watches", "wchc");
        alias(map, "watches_by_path", "wchp");
        alias(map, "dump");
        alias(map, "is_read_only", "isro");
        alias(map, "leader", "lead");
        alias(map, "voting_view");
        alias(map, "observers", "obsr");
        alias(map, "hash");
        alias(map, "snapshot", "snap");
        alias(map, "restore", "rest");
        return map;
    }

    private static void alias(Map<String, String> map, String primary, String... aliases) {
        map.put(primary, primary);
        for (String alias : aliases) {
            map.put(alias, primary);
        }
    }

    /** The primary name of a command Warden answers, or null for any other name. */
    static String primaryName(String name) {
        return PRIMARY.get(name);
    }

    /** The primary names, sorted, as {@code /commands} lists them. */
    static Set<String> primaryNames() {
        return new TreeSet<>(PRIMARY.values());
    }

    /** {@code /commands}: one link per command, in ZooKeeper's format. */
    static String listing(String commandUrl) {
        StringBuilder html = new StringBuilder();
        for (String name : primaryNames()) {
            html.append("<a href=\"").append(commandUrl).append('/').append(name).append("\">").append(name)
                    .append("</a>\n<br/>\n");
        }
        return html.toString();
    }
}
