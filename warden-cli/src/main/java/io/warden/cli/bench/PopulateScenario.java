package io.warden.cli.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.DeleteRequest;

/**
 * populate: the clients create {@code nodes} persistent nodes of {@code dataBytes} bytes under
 * {@link BenchTree#POPULATE_ROOT} as laid out by {@link PopulateLayout}, the parents first, each
 * client keeping its pipeline full. The result is the create rate over the whole load (first send
 * to last reply) and the create latencies. Then, unless {@code keep}, the nodes are deleted the
 * same way (reported in a note); with {@code keep} they stay for later runs, and the other
 * scenarios' clean-up leaves them alone. A parent that already exists is fine; a node that already
 * exists counts as NODEEXISTS.
 */
final class PopulateScenario {
    private final BenchSettings settings;
    private final PrintStream progress;
    private final PopulateLayout layout;

    PopulateScenario(BenchSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
        this.layout = new PopulateLayout(settings.nodes(), settings.fanout());
    }

    BenchResult run() throws BenchException, InterruptedException {
        byte[] data = Payload.of(settings.dataBytes());
        byte[] empty = new byte[0];
        ErrorCounts errors = new ErrorCounts();
        List<String> notes = new ArrayList<>();
        try (Sessions sessions = new Sessions(settings.servers())) {
            BenchTree tree = new BenchTree(sessions.open("admin", 0, NotificationListener.IGNORE));
            List<BenchConnection> connections = new ArrayList<>();
            try {
                tree.put(BenchTree.ROOT, empty);
                tree.put(BenchTree.POPULATE_ROOT, empty);
                for (int i = 0; i < settings.clients(); i++) {
                    connections.add(sessions.open("client-" + i, i, NotificationListener.IGNORE));
                }
                progress.println(BenchRunner.describe(settings));
                long started = System.nanoTime();
                long deadline = started + TimeUnit.SECONDS.toNanos(settings.timeLimitSeconds());
                Timeline timeline = new Timeline(started);
                BulkPhase.Outcome parents = new BulkPhase("create parents", OpCode.CREATE, layout.parents(),
                        i -> new CreateRequest(layout.parentPath(i), empty, Acl.OPEN_ACL_UNSAFE, 0),
                        err -> err == ErrorCode.NODEEXISTS.code())
                        .run(connections, settings.pipeline(), deadline, errors, progress, timeline);
                BulkPhase.Outcome nodes = new BulkPhase("create nodes", OpCode.CREATE, layout.nodes(),
                        i -> new CreateRequest(layout.nodePath(i), data, Acl.OPEN_ACL_UNSAFE, 0), err -> false)
                        .run(connections, settings.pipeline(), deadline, errors, progress, timeline);
                notes.add(parents.describe());
                notes.add(nodes.describe());
                notes.addAll(abandonedNotes(parents, nodes));
                long deleted = -1;
                if (settings.keep()) {
                    notes.add("kept " + nodes.succeeded() + " new nodes under " + BenchTree.POPULATE_ROOT);
                } else {
                    deleted = delete(connections, tree, errors, notes);
                }
                notes.addAll(sessions.losses());
                return result(parents, nodes, deleted, errors, notes, timeline);
            } finally {
                for (BenchConnection connection : connections) {
                    connection.close();
                }
                BenchRunner.cleanUp(tree, progress);
            }
        }
    }

    /** Deletes the nodes, then the parents, then the populate root if nothing else is under it; returns how many went. */
    private long delete(List<BenchConnection> connections, BenchTree tree, ErrorCounts errors, List<String> notes)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(settings.timeLimitSeconds());
        // The report follows the creates only; the deletes' timeline is not kept.
        Timeline deletes = new Timeline(started);
        BulkPhase.Outcome nodes = new BulkPhase("delete nodes", OpCode.DELETE, layout.nodes(),
                i -> new DeleteRequest(layout.nodePath(i), -1), err -> err == ErrorCode.NONODE.code())
                .run(connections, settings.pipeline(), deadline, errors, progress, deletes);
        BulkPhase.Outcome parents = new BulkPhase("delete parents", OpCode.DELETE, layout.parents(),
                i -> new DeleteRequest(layout.parentPath(i), -1), err -> err == ErrorCode.NONODE.code())
                .run(connections, settings.pipeline(), deadline, errors, progress, deletes);
        notes.add(nodes.describe());
        notes.add(parents.describe());
        notes.addAll(abandonedNotes(nodes, parents));
        try {
            if (!tree.deleteIfEmpty(BenchTree.POPULATE_ROOT)) {
                notes.add(BenchTree.POPULATE_ROOT + " still holds other nodes and was left in place");
            }
        } catch (BenchException e) {
            notes.add("clean-up of " + BenchTree.POPULATE_ROOT + " failed: " + e.getMessage());
        }
        return nodes.succeeded() + parents.succeeded();
    }

    private static List<String> abandonedNotes(BulkPhase.Outcome... outcomes) {
        List<String> lines = new ArrayList<>();
        for (BulkPhase.Outcome outcome : outcomes) {
            if (outcome.abandoned()) {
                lines.add(outcome.name() + ": requests still outstanding " + BulkPhase.DRAIN_SECONDS_MAX
                        + " s after the time limit were abandoned (counted as OPERATIONTIMEOUT)");
            }
        }
        return lines;
    }

    private static boolean sentAny(BulkPhase.Outcome outcome) {
        return outcome.succeeded() + outcome.tolerated() + outcome.failed() > 0;
    }

    private BenchResult result(BulkPhase.Outcome parents, BulkPhase.Outcome nodes, long deleted, ErrorCounts errors,
            List<String> notes, Timeline timeline) {
        LatencyHistogram creates = new LatencyHistogram();
        creates.merge(parents.latencies());
        creates.merge(nodes.latencies());
        double seconds = 0;
        double endSeconds = 0;
        if (sentAny(parents) || sentAny(nodes)) {
            long first = sentAny(parents) ? parents.firstSendNanos() : nodes.firstSendNanos();
            long last = sentAny(nodes) ? nodes.lastReplyNanos() : parents.lastReplyNanos();
            seconds = last > first ? (last - first) / 1e9 : 0;
            endSeconds = (last - timeline.originNanos()) / 1e9;
        }
        Map<String, LatencySummary> latencies = new LinkedHashMap<>();
        latencies.put("create", creates.summary());
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("parents", parents.succeeded());
        counters.put("nodes", nodes.succeeded());
        if (deleted >= 0) {
            counters.put("deleted", deleted);
        }
        return new BenchResult(settings, "creates", parents.succeeded() + nodes.succeeded(), seconds, latencies,
                errors.snapshot(), counters, notes).withTimeline(timeline.report("create", endSeconds));
    }
}
