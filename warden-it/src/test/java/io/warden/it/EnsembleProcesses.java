package io.warden.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An ensemble of real Warden processes on loopback ports ({@code warden server zoo.cfg} each, with
 * its {@code myid}), for tests that kill, stop and restart members; or of the reference ZooKeeper's
 * quorum peers with the same configuration ({@link #startWithAdminServers}).
 */
final class EnsembleProcesses implements AutoCloseable {
    /**
     * The members' {@code tickTime}, {@code initLimit} and {@code syncLimit}.
     *
     * @param tickTimeMs the tick
     * @param initLimitTicks ticks a follower may take to be synchronised with its leader
     * @param syncLimitTicks ticks a follower believes in a leader it hears nothing from
     */
    record Timing(int tickTimeMs, int initLimitTicks, int syncLimitTicks) {
        /** Short ticks, so that elections and failure detection take a second or two. */
        static final Timing SHORT = new Timing(300, 10, 5);
    }

    private final List<ServerProcess> members = new ArrayList<>();
    private final List<Integer> clientPorts = new ArrayList<>();
    /** Each member's AdminServer port, when the ensemble was started with AdminServers. */
    private final List<Integer> adminPorts = new ArrayList<>();
    /** For a partitionable ensemble: "from->to" to the proxies of the quorum and election ports. */
    private final Map<String, List<CuttableProxy>> proxies = new TreeMap<>();

    private EnsembleProcesses() {
    }

    /** Writes the members' configurations and starts them all. */
    static EnsembleProcesses start(Path dir, int size) {
        return start(dir, size, 0);
    }

    /** The same with {@code observers} more members, the last ids, that observe. */
    static EnsembleProcesses start(Path dir, int voters, int observers) {
        return start(dir, voters, observers, List.of());
    }

    /** The same, each member's JVM started with {@code jvmArgs} (system properties, say). */
    static EnsembleProcesses start(Path dir, int voters, int observers, List<String> jvmArgs) {
        return start(dir, voters, observers, jvmArgs, false, Timing.SHORT, ServerProcess.Program.WARDEN, false);
    }

    /**
     * An ensemble of {@code program} (Warden, or the reference ZooKeeper with the test class path)
     * with {@code observers} observers after the voters, each member with its AdminServer on a loopback
     * port of its own ({@link #adminPort}).
     */
    static EnsembleProcesses startWithAdminServers(Path dir, int voters, int observers, List<String> jvmArgs,
            ServerProcess.Program program) {
        return start(dir, voters, observers, jvmArgs, false, Timing.SHORT, program, true);
    }

    /**
     * Members that reach each other through a proxy per direction and port ({@link #isolate},
     * {@link #blackhole}, {@link #heal}): member {@code i}'s {@code zoo.cfg} names the others by
     * the ports of the proxies from {@code i} to them.
     */
    static EnsembleProcesses startPartitionable(Path dir, int size) {
        return startPartitionable(dir, size, Timing.SHORT, List.of());
    }

    /** The same with {@code timing}, each member's JVM started with {@code jvmArgs}. */
    static EnsembleProcesses startPartitionable(Path dir, int size, Timing timing, List<String> jvmArgs) {
        return start(dir, size, 0, jvmArgs, true, timing, ServerProcess.Program.WARDEN, false);
    }

    private static EnsembleProcesses start(Path dir, int voters, int observers, List<String> jvmArgs,
            boolean proxied, Timing timing, ServerProcess.Program program, boolean adminServers) {
        EnsembleProcesses ensemble = new EnsembleProcesses();
        int size = voters + observers;
        try {
            int[][] peerPorts = new int[size + 1][2];
            for (int id = 1; id <= size; id++) {
                ensemble.clientPorts.add(ServerProcess.freePort());
                if (adminServers) {
                    ensemble.adminPorts.add(ServerProcess.freePort());
                }
                peerPorts[id][0] = ServerProcess.freePort();
                peerPorts[id][1] = ServerProcess.freePort();
            }
            for (int from = 1; from <= size && proxied; from++) {
                for (int to = 1; to <= size; to++) {
                    if (from != to) {
                        ensemble.proxies.put(from + "->" + to, List.of(
                                CuttableProxy.start(new InetSocketAddress("127.0.0.1", peerPorts[to][0])),
                                CuttableProxy.start(new InetSocketAddress("127.0.0.1", peerPorts[to][1]))));
                    }
                }
            }
            for (int id = 1; id <= size; id++) {
                Path home = dir.resolve("member" + id);
                Path data = home.resolve("data");
                Files.createDirectories(data);
                Files.writeString(data.resolve("myid"), id + "\n", StandardCharsets.US_ASCII);
                List<String> lines = new ArrayList<>(List.of("tickTime=" + timing.tickTimeMs(),
                        "initLimit=" + timing.initLimitTicks(), "syncLimit=" + timing.syncLimitTicks(),
                        "dataDir=" + data, "4lw.commands.whitelist=*", "snapCount=300"));
                if (id > voters) {
                    lines.add("peerType=observer");
                }
                if (adminServers) {
                    lines.addAll(List.of("admin.enableServer=true", "admin.serverAddress=127.0.0.1",
                            "admin.serverPort=" + ensemble.adminPorts.get(id - 1)));
                }
                for (int other = 1; other <= size; other++) {
                    List<CuttableProxy> via = ensemble.proxies.get(id + "->" + other);
                    int peerPort = via == null ? peerPorts[other][0] : via.get(0).port();
                    int electionPort = via == null ? peerPorts[other][1] : via.get(1).port();
                    lines.add("server." + other + "=127.0.0.1:" + peerPort + ":" + electionPort
                            + (other > voters ? ":observer" : "") + ";127.0.0.1:" + ensemble.clientPorts.get(other - 1));
                }
                ensemble.members.add(ServerProcess.prepare(home, ensemble.clientPorts.get(id - 1), lines, jvmArgs,
                        program));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (ServerProcess member : ensemble.members) {
            member.launch(null);
        }
        return ensemble;
    }

    /** Every member's client address. */
    String connectString() {
        return clientPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    int clientPort(int id) {
        return clientPorts.get(id - 1);
    }

    /** A member's AdminServer port (an ensemble started with {@link #startWithAdminServers}). */
    int adminPort(int id) {
        if (adminPorts.isEmpty()) {
            throw new IllegalStateException("this ensemble was started without AdminServers");
        }
        return adminPorts.get(id - 1);
    }

    /** The running member whose {@code cons} lists this session, or 0 when none does. */
    int memberServing(long sessionId) {
        String sid = "sid=0x" + Long.toHexString(sessionId);
        for (int id = 1; id <= members.size(); id++) {
            if (member(id).isAlive()) {
                try {
                    if (member(id).fourLetterWord("cons").contains(sid)) {
                        return id;
                    }
                } catch (RuntimeException e) {
                    // not answering now: not the one
                }
            }
        }
        return 0;
    }

    ServerProcess member(int id) {
        return members.get(id - 1);
    }

    int size() {
        return members.size();
    }

    /** The member's role as {@code srvr} prints it, or empty while it serves nobody or is down. */
    Optional<String> mode(int id) {
        ServerProcess member = member(id);
        if (!member.isAlive()) {
            return Optional.empty();
        }
        try {
            for (String line : member.fourLetterWord("srvr").split("\n")) {
                if (line.startsWith("Mode: ")) {
                    return Optional.of(line.substring("Mode: ".length()).trim());
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The zxid a member's {@code srvr} prints, or -1 when it does not answer one. */
    long zxid(int id) {
        try {
            for (String line : member(id).fourLetterWord("srvr").split("\n")) {
                if (line.startsWith("Zxid: 0x")) {
                    return Long.parseLong(line.substring("Zxid: 0x".length()).trim(), 16);
                }
            }
        } catch (RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Waits until exactly one running member leads and every other running member follows; returns the leader. */
    int awaitLeader() {
        int[] leader = {0};
        await().atMost(TestClient.WAIT).until(() -> {
            int leaders = 0;
            for (int id = 1; id <= members.size(); id++) {
                if (!member(id).isAlive()) {
                    continue;
                }
                Optional<String> mode = mode(id);
                if (mode.isEmpty()) {
                    return false;
                }
                if (mode.get().equals("leader")) {
                    leaders++;
                    leader[0] = id;
                } else if (!mode.get().equals("follower") && !mode.get().equals("observer")) {
                    return false;
                }
            }
            return leaders == 1;
        });
        return leader[0];
    }

    String logs() {
        StringBuilder text = new StringBuilder();
        for (int id = 1; id <= members.size(); id++) {
            text.append("---- member ").append(id).append(" ----\n").append(member(id).log());
        }
        return text.toString();
    }

    /** Cuts every link to and from {@code id} (connections closed, new ones refused) until {@link #heal}. */
    void isolate(int id) {
        linksOf(id).forEach(CuttableProxy::cut);
    }

    /** Silently drops every byte to and from {@code id}, connections left open, until {@link #heal}. */
    void blackhole(int id) {
        linksOf(id).forEach(CuttableProxy::blackhole);
    }

    /** Every link works again. */
    void heal() {
        proxies.values().forEach(pair -> pair.forEach(CuttableProxy::restore));
    }

    private List<CuttableProxy> linksOf(int id) {
        List<CuttableProxy> links = new ArrayList<>();
        proxies.forEach((key, pair) -> {
            String[] ends = key.split("->");
            if (Integer.parseInt(ends[0]) == id || Integer.parseInt(ends[1]) == id) {
                links.addAll(pair);
            }
        });
        return links;
    }

    boolean isPartitionable() {
        return !proxies.isEmpty();
    }

    @Override
    public void close() {
        for (ServerProcess member : members) {
            if (member.isAlive()) {
                member.kill();
            }
        }
        proxies.values().forEach(pair -> pair.forEach(CuttableProxy::close));
    }
}
