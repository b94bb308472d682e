package io.warden.transport.peer;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import io.warden.zab.PeerMessage;
import io.warden.zab.SnapshotImage;

/**
 * The peer networks of a test ensemble on 127.0.0.1, each recording what it receives. Members'
 * ports must be known before any network starts, so they are reserved by binding port 0 and
 * closing again; a port taken by someone else in between makes {@link #started} start over on
 * fresh ports.
 */
final class TestEnsemble implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final InetAddress LOOPBACK = loopback();
    /** Small and quick, for tests. */
    static final PeerLimits LIMITS = PeerLimits.DEFAULTS.withFrameBytesMax(1 << 20).withOutboundBytesMax(4L << 20)
            .withReconnectBackoffMs(10, 200).withConnectTimeoutMs(2_000).withHandshakeTimeoutMs(1_000)
            .withBindRetries(5, 200);
    private static final int START_ATTEMPTS = 3;

    final List<PeerNetwork.Member> members;
    private final PeerLimits limits;
    private final Map<Long, PeerNetwork> networks = new ConcurrentHashMap<>();
    private final Map<Long, List<Received>> inboxes = new ConcurrentHashMap<>();

    private TestEnsemble(List<PeerNetwork.Member> members, PeerLimits limits) {
        this.members = members;
        this.limits = limits;
        for (PeerNetwork.Member member : members) {
            inboxes.put(member.id(), new ArrayList<>());
        }
    }

    /** An ensemble of servers 1..size on reserved ports, none started. */
    static TestEnsemble of(int size, PeerLimits limits) throws IOException {
        return new TestEnsemble(reserveMembers(size), limits);
    }

    /** An ensemble of servers 1..size, all started (on fresh ports again if a reserved one was taken). */
    static TestEnsemble started(int size, PeerLimits limits) throws IOException {
        for (int attempt = 1;; attempt++) {
            TestEnsemble ensemble = of(size, limits);
            try {
                for (PeerNetwork.Member member : ensemble.members) {
                    ensemble.start(member.id());
                }
                return ensemble;
            } catch (BindException e) {
                ensemble.close();
                if (attempt == START_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    static List<PeerNetwork.Member> reserveMembers(int size) throws IOException {
        int[] ports = reservePorts(2 * size);
        List<PeerNetwork.Member> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            members.add(new PeerNetwork.Member(i + 1, new InetSocketAddress(LOOPBACK, ports[2 * i]),
                    new InetSocketAddress(LOOPBACK, ports[2 * i + 1])));
        }
        return members;
    }

    /** Ports that were free a moment ago: bound at port 0 all together (so they differ), then closed. */
    static int[] reservePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, LOOPBACK));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    PeerNetwork start(long id) throws IOException {
        List<Received> inbox = inboxes.get(id);
        return start(id, (from, message) -> {
            synchronized (inbox) {
                inbox.add(new Received(from, message));
            }
        });
    }

    PeerNetwork start(long id, BiConsumer<Long, PeerMessage> onReceive) throws IOException {
        PeerNetwork network = new PeerNetwork(id, members, limits, onReceive);
        networks.put(id, network);
        network.start();
        return network;
    }

    PeerNetwork network(long id) {
        return networks.get(id);
    }

    void stop(long id) {
        PeerNetwork network = networks.remove(id);
        if (network != null) {
            network.close();
        }
    }

    /** What server {@code id} received from server {@code from}, of that type, in arrival order. */
    List<PeerMessage> received(long id, long from, Class<? extends PeerMessage> type) {
        List<Received> inbox = inboxes.get(id);
        synchronized (inbox) {
            return inbox.stream().filter(r -> r.from() == from && type.isInstance(r.message()))
                    .map(Received::message).toList();
        }
    }

    /** Everything server {@code id} received from server {@code from}. */
    List<PeerMessage> received(long id, long from) {
        return received(id, from, PeerMessage.class);
    }

    /** Whether every started server has both connections to every other started server. */
    boolean allConnected() {
        for (Map.Entry<Long, PeerNetwork> from : networks.entrySet()) {
            for (long to : networks.keySet()) {
                if (to != from.getKey() && !from.getValue().isConnectedTo(to)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Messages as their encodings, which compare by content (records holding arrays do not); the
     * codec gives each message exactly one encoding.
     */
    static List<ByteBuffer> encoded(List<? extends PeerMessage> messages) {
        return messages.stream().map(TestEnsemble::encodedWithImage).toList();
    }

    /** A message's encoding, followed by its image for a snapshot (whose encoding is only a header). */
    private static ByteBuffer encodedWithImage(PeerMessage message) {
        byte[] body = PeerCodec.encode(message);
        if (!(message instanceof PeerMessage.Snap snap)) {
            return ByteBuffer.wrap(body);
        }
        byte[] image = SnapshotImage.readAll(snap.state());
        return ByteBuffer.allocate(body.length + image.length).put(body).put(image).flip();
    }

    @Override
    public void close() {
        for (long id : List.copyOf(networks.keySet())) {
            stop(id);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
