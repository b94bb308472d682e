package io.warden.server;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.warden.common.SessionIds;
import io.warden.common.Zxid;
import io.warden.tree.DataTree;

/**
 * The four-letter words on the client port: which exist, which the whitelist lets run, and the
 * text each prints, in ZooKeeper's formats so that scripts parsing them keep working.
 */
final class FourLetterWords {
    static final Set<String> COMMANDS = Set.of("conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "hash",
            "isro", "mntr", "ruok", "srst", "srvr", "stat", "stmk", "wchc", "wchp", "wchs");
    /** The words ZooKeeper answers even while the server serves nobody. */
    static final Set<String> ALWAYS_ANSWERED = Set.of("envi", "isro", "ruok");
    /** The mode of a server that serves reads only. */
    static final String READ_ONLY_MODE = "read-only";
    /** ZooKeeper's answer to the other words while the server serves nobody. */
    static final String NOT_SERVING = "This ZooKeeper instance is not currently serving requests\n";

    final CoreConfig config;
    final ServerEnvironment environment;
    private final ServerCore core;

    FourLetterWords(CoreConfig config, ServerEnvironment environment, ServerCore core) {
        this.config = config;
        this.environment = environment;
        this.core = core;
    }

    /**
     * The command a connection's first four bytes spell, read as the frame length they replace,
     * or {@code null} when they are an ordinary length.
     */
    static String commandFor(int firstInt) {
        byte[] bytes = {(byte) (firstInt >>> 24), (byte) (firstInt >>> 16), (byte) (firstInt >>> 8), (byte) firstInt};
        String word = new String(bytes, StandardCharsets.ISO_8859_1);
        return COMMANDS.contains(word) ? word : null;
    }

    private boolean allowed(String command) {
        return config.fourLetterWords().contains("*") || config.fourLetterWords().contains(command);
    }

    String run(String command, long uptimeMs) {
        if (!allowed(command)) {
            return command + " is not executed because it is not in the whitelist.\n";
        }
        if (environment.mode().get() == null && !ALWAYS_ANSWERED.contains(command)) {
            return NOT_SERVING;
        }
        return switch (command) {
            case "ruok" -> "imok";
            case "isro" -> READ_ONLY_MODE.equals(environment.mode().get()) ? "ro" : "rw";
            case "srvr" -> serverSummary(false);
            case "stat" -> serverSummary(true);
            case "conf" -> lines(environment.configuration());
            case "envi" -> "Environment:\n" + lines(environment.environment());
            case "cons" -> connections(core) + "\n";
            case "crst" -> {
                for (Connection connection : core.connections().values()) {
                    connection.latency.reset();
                    connection.packetsReceived = 0;
                    connection.packetsSent = 0;
                }
                yield "Connection stats reset.\n";
            }
            case "srst" -> {
                core.stats().reset();
                yield "Server stats reset.\n";
            }
            case "mntr" -> monitoring(uptimeMs);
            case "dump" -> dump(core);
            case "wchs" -> watchSummary(core.tree());
            case "wchc" -> watchesBySession(core) + "\n"; // ZooKeeper ends both listings with a blank line
            case "wchp" -> watchesByPath(core) + "\n";
            case "gtmk" -> "0\n";
            case "dirs" -> "datadir_size: 0\nlogdir_size: 0\n";
            case "hash" -> "";
            case "stmk" -> "0\n";
            default -> "";
        };
    }

    /**
     * The node count as ZooKeeper reports it: its tree map holds the root twice (under "" and
     * "/"), so its count is one more than the number of nodes. Tools compare against that.
     */
    int znodeCount() {
        return core.tree().nodeCount() + 1;
    }

    private static String lines(Iterable<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    private String serverSummary(boolean withClients) {
        StringBuilder text = new StringBuilder();
        text.append("Zookeeper version: ").append(environment.version()).append('\n');
        if (withClients) {
            text.append("Clients:\n").append(connections(core)).append('\n');
        }
        ServerStats stats = core.stats();
        text.append("Latency min/avg/max: ").append(stats.latency.min()).append('/').append(stats.latency.average())
                .append('/').append(stats.latency.max()).append('\n');
        text.append("Received: ").append(stats.packetsReceived).append('\n');
        text.append("Sent: ").append(stats.packetsSent).append('\n');
        text.append("Connections: ").append(core.connections().size()).append('\n');
        text.append("Outstanding: ").append(core.outstandingRequests()).append('\n');
        text.append("Zxid: ").append(Zxid.toHex(core.lastZxid())).append('\n');
        text.append("Mode: ").append(environment.mode().get()).append('\n');
        text.append("Node count: ").append(znodeCount()).append('\n');
        return text.toString();
    }

    private static String connections(ServerCore core) {
        StringBuilder text = new StringBuilder();
        for (Connection c : new TreeMap<>(core.connections()).values()) {
            text.append(' ').append(c.endpoint).append("[1](queued=").append(c.queue.size())
                    .append(",recved=").append(c.packetsReceived).append(",sent=").append(c.packetsSent);
            if (c.sessionId != 0) {
                text.append(",sid=").append(SessionIds.toHex(c.sessionId)).append(",lop=").append(c.lastOp)
                        .append(",est=").append(c.openedMs).append(",to=").append(c.sessionTimeoutMs);
                if (c.lastCxid >= 0) {
                    text.append(",lcxid=0x").append(Integer.toHexString(c.lastCxid));
                }
                text.append(",lzxid=0x").append(Long.toHexString(c.lastZxid)).append(",lresp=")
                        .append(c.lastResponseMs).append(",llat=").append(c.lastLatencyMs).append(",minlat=")
                        .append(c.latency.min()).append(",avglat=").append(c.latency.average()).append(",maxlat=")
                        .append(c.latency.max());
            }
            text.append(")\n");
        }
        return text.toString();
    }

    String monitoring(long uptimeMs) {
        StringBuilder text = new StringBuilder();
        monitoringValues(uptimeMs).forEach((key, value) -> text.append(key).append('\t').append(value).append('\n'));
        return text.toString();
    }

    /** Hands the {@code mntr} values to readers on other threads; called by the driver thread. */
    void publish(long uptimeMs) {
        if (!environment.metrics().isPublishing()) {
            return;
        }
        // A member that serves nobody (looking for a leader) publishes nothing rather than its
        // last role's values: a scrape then shows no value instead of a stale one.
        environment.metrics().publish(environment.mode().get() == null ? Map.of() : monitoringValues(uptimeMs));
    }

    /**
     * Every key ZooKeeper's {@code mntr} prints in this server's role: Warden's own value where it
     * measures the same thing, the value of an idle ZooKeeper elsewhere (see {@link MntrKeys}),
     * then Warden's own {@code warden_*} values.
     */
    Map<String, Object> monitoringValues(long uptimeMs) {
        ServerStats stats = core.stats();
        DataTree tree = core.tree();
        OperationalMetrics metrics = environment.metrics();
        String mode = environment.mode().get();
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("zk_version", environment.version());
        values.put("zk_server_state", mode);
        values.put("zk_uptime", uptimeMs);
        values.put("zk_avg_latency", stats.latency.average());
        values.put("zk_max_latency", stats.latency.max());
        values.put("zk_min_latency", stats.latency.min());
        values.put("zk_packets_received", stats.packetsReceived);
        values.put("zk_packets_sent", stats.packetsSent);
        values.put("zk_num_alive_connections", core.connections().size());
        values.put("zk_outstanding_requests", core.outstandingRequests());
        values.put("zk_znode_count", znodeCount());
        values.put("zk_watch_count", tree.watchCount());
        values.put("zk_ephemerals_count", tree.ephemeralCount());
        values.put("zk_approximate_data_size", tree.approximateDataSize());
        values.put("zk_global_sessions", tree.sessions().size());
        values.put("zk_local_sessions", 0);
        values.putAll(environment.roleStats().get());
        // each summary read once, so that the zk_ and warden_ keys of one answer agree
        ValueSummary.Snapshot fsyncs = metrics.fsyncTimeMs.snapshot();
        ValueSummary.Snapshot snapshots = metrics.snapshotTimeMs.snapshot();
        ValueSummary.Snapshot batches = metrics.batchSize.snapshot();
        putSummary(values, "zk_", "fsynctime", fsyncs);
        putSummary(values, "zk_", "snapshottime", snapshots);
        values.put("zk_snap_count", snapshots.count());
        putSummary(values, "zk_", "sync_processor_batch_size", batches);
        values.put("zk_connection_request_count", stats.connectionRequests);
        values.putAll(environment.processStats().get());
        MntrKeys.instance().idleValues(mode).forEach(values::putIfAbsent);
        values.put("warden_quota_exceeded_count", tree.quotaLimitExceededCount());
        values.put("warden_request_failures", stats.requestFailures);
        values.put("warden_apply_failures", tree.applyFailures());
        values.put("warden_outstanding_bytes", core.flow().bytes());
        values.put("warden_connections_evicted", core.flow().evicted());
        putSummary(values, "warden_", "commit_latency_ms", metrics.commitLatencyMs.snapshot());
        putSummary(values, "warden_", "batch_size", batches);
        putSummary(values, "warden_", "fsync_time_ms", fsyncs);
        putSummary(values, "warden_", "snapshot_time_ms", snapshots);
        return values;
    }

    /** A summary as ZooKeeper's default metrics provider prints one: avg, min, max, cnt and sum keys. */
    private static void putSummary(Map<String, Object> values, String prefix, String name,
            ValueSummary.Snapshot summary) {
        values.put(prefix + "avg_" + name, summary.average());
        values.put(prefix + "min_" + name, summary.min());
        values.put(prefix + "max_" + name, summary.max());
        values.put(prefix + "cnt_" + name, summary.count());
        values.put(prefix + "sum_" + name, summary.sum());
    }

    private static String dump(ServerCore core) {
        StringBuilder text = new StringBuilder("SessionTracker dump:\n");
        Map<Long, Session> sessions = new TreeMap<>();
        for (Session session : core.sessions().all()) {
            sessions.put(session.id, session);
        }
        text.append("Global Sessions(").append(sessions.size()).append("):\n");
        for (Session session : sessions.values()) {
            text.append(SessionIds.toHex(session.id)).append('\t').append(session.timeoutMs).append("ms\n");
        }
        DataTree tree = core.tree();
        StringBuilder owners = new StringBuilder();
        int withEphemerals = 0;
        for (long sessionId : new TreeSet<>(tree.sessions().keySet())) {
            var paths = tree.ephemeralsOf(sessionId);
            if (paths.isEmpty()) {
                continue;
            }
            withEphemerals++;
            owners.append(SessionIds.toHex(sessionId)).append(":\n");
            for (String path : paths) {
                owners.append('\t').append(path).append('\n');
            }
        }
        text.append("ephemeral nodes dump:\nSessions with Ephemerals (").append(withEphemerals).append("):\n")
                .append(owners);
        text.append(String.format(Locale.ROOT, "Connections dump:\nConnections (%d)\n", core.connections().size()));
        return text.toString();
    }

    private static String watchSummary(DataTree tree) {
        WatchListing listing = WatchListing.of(tree);
        return listing.pathsByWatcher().size() + " connections watching " + listing.watchersByPath().size()
                + " paths\nTotal watches:" + listing.totalWatches() + "\n";
    }

    private static String watchesBySession(ServerCore core) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Long, Set<String>> entry : new TreeMap<>(WatchListing.of(core.tree()).pathsByWatcher())
                .entrySet()) {
            Connection connection = core.connections().get(entry.getKey());
            long sessionId = connection == null ? 0 : connection.sessionId;
            text.append(SessionIds.toHex(sessionId)).append('\n');
            for (String path : new TreeSet<>(entry.getValue())) {
                text.append('\t').append(path).append('\n');
            }
        }
        return text.toString();
    }

    private static String watchesByPath(ServerCore core) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Set<Long>> entry : new TreeMap<>(WatchListing.of(core.tree()).watchersByPath())
                .entrySet()) {
            text.append(entry.getKey()).append('\n');
            for (long watcher : new TreeSet<>(entry.getValue())) {
                Connection connection = core.connections().get(watcher);
                text.append('\t').append(SessionIds.toHex(connection == null ? 0 : connection.sessionId)).append('\n');
            }
        }
        return text.toString();
    }
}
