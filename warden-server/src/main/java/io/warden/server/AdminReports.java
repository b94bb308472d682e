package io.warden.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.warden.tree.DataTree;

/**
 * What the AdminServer's read-only commands report, as plain maps, lists, strings, numbers and
 * booleans under ZooKeeper's JSON keys (the daemon turns them into JSON). It reads the same state
 * the four-letter words print, and reuses their text where that text already is the data (mntr,
 * conf, envi). Runs on the thread that owns the core, like the four-letter words.
 */
public final class AdminReports {
    /** ZooKeeper's error for commands that need a serving server, while this one serves nobody. */
    public static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests";
    /** The commands answered while the server serves nobody (ZooKeeper's "server not required"). */
    private static final Set<String> ANSWERED_WHILE_NOT_SERVING = Set.of("ruok", "environment");
    /** The keys of ZooKeeper's configuration command, on a standalone server and on an ensemble member alike. */
    private static final Set<String> CONFIGURATION_KEYS = Set.of("client_port", "secure_client_port", "data_dir",
            "data_log_dir", "tick_time", "max_client_cnxns", "min_session_timeout", "max_session_timeout",
            "server_id", "client_port_listen_backlog");

    private final ServerCore core;
    private final FourLetterWords words;

    private AdminReports(ServerCore core) {
        this.core = core;
        this.words = core.fourLetterWords;
    }

    /** The reports of this core. */
    public static AdminReports of(ServerCore core) {
        return new AdminReports(core);
    }

    /** Whether the command needs a serving server and the server serves nobody now. */
    public boolean refusedWhileNotServing(String primaryName) {
        return words.environment.mode().get() == null && !ANSWERED_WHILE_NOT_SERVING.contains(primaryName);
    }

    /**
     * The body of one command, by its primary name, without the {@code command} and {@code error}
     * fields, which the caller adds.
     *
     * @throws IllegalArgumentException for a name that is not a read-only command of this class
     */
    public Map<String, Object> report(String primaryName, long nowMs) {
        return switch (primaryName) {
            case "ruok" -> new LinkedHashMap<>();
            case "server_stats" -> serverStats(false, nowMs);
            case "stats" -> serverStats(true, nowMs);
            case "monitor" -> monitor(nowMs);
            case "configuration" -> configuration();
            case "environment" -> keyValueLines(words.environment.environment(), false);
            case "connections" -> connections();
            case "watch_summary" -> watchSummary();
            case "watches" -> watchesBySession();
            case "watches_by_path" -> watchesByPath();
            case "dump" -> dump();
            case "is_read_only" -> single("read_only", readOnly());
            case "observers" -> observers();
            case "hash" -> single("digests", List.of());
            default -> throw new IllegalArgumentException("no report for command " + primaryName);
        };
    }

    /** The mode the four-letter words print (standalone, leader, follower, observer, read-only), or null. */
    public String mode() {
        return words.environment.mode().get();
    }

    private boolean readOnly() {
        return FourLetterWords.READ_ONLY_MODE.equals(mode());
    }

    private static Map<String, Object> single(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    private Map<String, Object> serverStats(boolean withConnections, long nowMs) {
        ServerStats stats = core.stats();
        Map<String, Object> responseSizes = new LinkedHashMap<>();
        // Warden does not track reply sizes; ZooKeeper reports -1 until it has sent one.
        responseSizes.put("last_buffer_size", -1);
        responseSizes.put("min_buffer_size", -1);
        responseSizes.put("max_buffer_size", -1);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("packets_sent", stats.packetsSent);
        server.put("packets_received", stats.packetsReceived);
        server.put("fsync_threshold_exceed_count", 0);
        server.put("client_response_stats", responseSizes);
        server.put("provider_null", false);
        server.put("data_dir_size", 0);
        server.put("log_dir_size", 0);
        server.put("last_processed_zxid", core.lastZxid());
        server.put("outstanding_requests", core.outstandingRequests());
        server.put("server_state", mode());
        server.put("avg_latency", Double.parseDouble(stats.latency.average()));
        server.put("max_latency", stats.latency.max());
        server.put("min_latency", stats.latency.min());
        server.put("num_alive_client_connections", core.connections().size());
        server.put("uptime", nowMs - core.startMs);
        server.put("auth_failed_count", 0);
        server.put("non_mtlsremote_conn_count", 0);
        server.put("non_mtlslocal_conn_count", 0);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("version", words.environment.version());
        report.put("read_only", readOnly());
        report.put("server_stats", server);
        report.put("client_response", responseSizes);
        if ("leader".equals(mode())) {
            // A leader's proposal sizes; Warden does not track them, and ZooKeeper reports -1 until it proposed.
            report.put("proposal_stats", new LinkedHashMap<>(responseSizes));
        }
        report.put("node_count", words.znodeCount());
        if (withConnections) {
            List<Object> brief = new ArrayList<>();
            for (Connection c : new TreeMap<>(core.connections()).values()) {
                brief.add(connectionBasics(c));
            }
            report.put("connections", brief);
            report.put("secure_connections", List.of());
        }
        return report;
    }

    private static Map<String, Object> connectionBasics(Connection c) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("remote_socket_address", c.endpoint.startsWith("/") ? c.endpoint.substring(1) : c.endpoint);
        map.put("interest_ops", c.readingPaused ? 0 : 1);
        map.put("outstanding_requests", c.queue.size());
        map.put("packets_received", c.packetsReceived);
        map.put("packets_sent", c.packetsSent);
        return map;
    }

    private Map<String, Object> connections() {
        List<Object> list = new ArrayList<>();
        for (Connection c : new TreeMap<>(core.connections()).values()) {
            Map<String, Object> map = connectionBasics(c);
            if (c.sessionId != 0) {
                map.put("session_id", c.sessionId);
                map.put("last_operation", c.lastOp);
                map.put("established", c.openedMs);
                map.put("session_timeout", c.sessionTimeoutMs);
                map.put("last_cxid", c.lastCxid);
                map.put("last_zxid", c.lastZxid);
                map.put("last_response_time", c.lastResponseMs);
                map.put("last_latency", c.lastLatencyMs);
                map.put("min_latency", c.latency.min());
                map.put("avg_latency", (long) Double.parseDouble(c.latency.average()));
                map.put("max_latency", c.latency.max());
            }
            list.add(map);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("connections", list);
        report.put("secure_connections", List.of());
        return report;
    }

    /**
     * mntr's lines as JSON: ZooKeeper's monitor command has mntr's keys without their {@code zk_}
     * prefix; Warden's own keys keep their {@code warden_} prefix.
     */
    private Map<String, Object> monitor(long nowMs) {
        Map<String, Object> report = new LinkedHashMap<>();
        for (String line : words.monitoring(nowMs - core.startMs).split("\n")) {
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                continue;
            }
            String key = line.substring(0, tab);
            report.put(key.startsWith("zk_") ? key.substring(3) : key, typed(line.substring(tab + 1)));
        }
        return report;
    }

    /**
     * conf's lines as ZooKeeper's configuration command names them, only the server settings it
     * reports: not the directory sizes, nor an ensemble member's quorum settings and membership,
     * which the conf four-letter word prints and the command leaves out.
     */
    private Map<String, Object> configuration() {
        Map<String, Object> report = keyValueLines(words.environment.configuration(), true);
        report.keySet().retainAll(CONFIGURATION_KEYS);
        if (Long.valueOf(-1).equals(report.get("secure_client_port"))) {
            report.remove("secure_client_port"); // ZooKeeper leaves it out when there is none
        }
        return report;
    }

    /** {@code key=value} lines as a map; with {@code snakeCase}, camelCase keys become snake_case and numbers numbers. */
    private static Map<String, Object> keyValueLines(List<String> lines, boolean snakeCase) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String key = line.substring(0, equals);
            String value = line.substring(equals + 1);
            map.put(snakeCase ? snakeCase(key) : key, snakeCase ? typed(value) : value);
        }
        return map;
    }

    static String snakeCase(String camel) {
        StringBuilder text = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                text.append('_').append(Character.toLowerCase(c));
            } else {
                text.append(c);
            }
        }
        return text.toString().replace('.', '_');
    }

    /** A whole number as a long, a decimal as a double, anything else as the text. */
    static Object typed(String value) {
        if (value.matches("-?\\d{1,18}")) {
            return Long.parseLong(value);
        }
        if (value.matches("-?\\d+\\.\\d+")) {
            return Double.parseDouble(value);
        }
        return value;
    }

    private Map<String, Object> watchSummary() {
        WatchListing listing = WatchListing.of(core.tree());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("num_connections", listing.pathsByWatcher().size());
        report.put("num_paths", listing.watchersByPath().size());
        report.put("num_total_watches", listing.totalWatches());
        return report;
    }

    private long sessionOf(long watcher) {
        Connection connection = core.connections().get(watcher);
        return connection == null ? 0 : connection.sessionId;
    }

    private Map<String, Object> watchesBySession() {
        Map<String, Object> bySession = new LinkedHashMap<>();
        for (Map.Entry<Long, Set<String>> entry : new TreeMap<>(WatchListing.of(core.tree()).pathsByWatcher()).entrySet()) {
            bySession.put(Long.toString(sessionOf(entry.getKey())), List.copyOf(new TreeSet<>(entry.getValue())));
        }
        return single("session_id_to_watched_paths", bySession);
    }

    private Map<String, Object> watchesByPath() {
        Map<String, Object> byPath = new LinkedHashMap<>();
        for (Map.Entry<String, Set<Long>> entry : new TreeMap<>(WatchListing.of(core.tree()).watchersByPath()).entrySet()) {
            List<Long> sessions = new ArrayList<>();
            for (long watcher : new TreeSet<>(entry.getValue())) {
                sessions.add(sessionOf(watcher));
            }
            byPath.put(entry.getKey(), sessions);
        }
        return single("path_to_session_ids", byPath);
    }

    /** Sessions by the time they expire unless heard from, and ephemeral nodes by owner. */
    private Map<String, Object> dump() {
        Map<Long, List<Long>> byExpiry = new TreeMap<>();
        for (Session session : core.sessions().all()) {
            byExpiry.computeIfAbsent(session.deadlineMs, k -> new ArrayList<>()).add(session.id);
        }
        Map<String, Object> expiry = new LinkedHashMap<>();
        byExpiry.forEach((deadlineMs, ids) -> expiry.put(Long.toString(deadlineMs), ids.stream().sorted().toList()));
        Map<String, Object> ephemerals = new LinkedHashMap<>();
        DataTree tree = core.tree();
        for (long sessionId : new TreeSet<>(tree.sessions().keySet())) {
            List<String> paths = tree.ephemeralsOf(sessionId);
            if (!paths.isEmpty()) {
                ephemerals.put(Long.toString(sessionId), List.copyOf(paths));
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("expiry_time_to_session_ids", expiry);
        report.put("session_id_to_ephemeral_paths", ephemerals);
        return report;
    }

    private Map<String, Object> observers() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("synced_observers", 0);
        report.put("observers", List.of());
        return report;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "AdminReports[%d connections]", core.connections().size());
    }
}
