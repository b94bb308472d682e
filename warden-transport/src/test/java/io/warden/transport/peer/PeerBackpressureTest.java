package io.warden.transport.peer;

import static io.warden.transport.peer.TestEnsemble.LOOPBACK;
import static io.warden.transport.peer.TestEnsemble.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.warden.zab.PeerMessage;
import io.warden.zab.SnapshotImage;

/**
 * A peer that does not read what it is sent: the sender never holds more than
 * {@code outboundBytesMax} for it, drops what does not fit, and closes and redials the connection
 * (so the peer sees a gap) instead of buffering.
 */
class PeerBackpressureTest {
    private static final long OUTBOUND_BYTES_MAX = 256 * 1024;
    private static final int STATE_BYTES = 64 * 1024;
    /** Far more than the sockets' buffers hold, so that sending must outrun a peer that reads nothing. */
    private static final int SENDS_MAX = 2_000;
    /** A small receive buffer, so that the kernel takes little on the peer's behalf. */
    private static final int RECEIVE_BUFFER_BYTES = 4096;

    /** Accepts connections on port 0 and never reads them. */
    private static final class DeafPeer implements AutoCloseable {
        final ServerSocket server;
        final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        DeafPeer() throws IOException {
            server = new ServerSocket();
            server.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
            server.bind(new InetSocketAddress(LOOPBACK, 0));
            acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "deaf-peer-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(LOOPBACK, server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    /** This server (1) on {@code myPorts}, and the peer (2) at the given quorum and election addresses. */
    private static List<PeerNetwork.Member> twoMembers(int[] myPorts, InetSocketAddress peerQuorum,
            InetSocketAddress peerElection) {
        return List.of(new PeerNetwork.Member(1, new InetSocketAddress(LOOPBACK, myPorts[0]),
                new InetSocketAddress(LOOPBACK, myPorts[1])), new PeerNetwork.Member(2, peerQuorum, peerElection));
    }

    @Test
    void aPeerThatDoesNotReadMakesTheSenderDropAndRedialNotBuffer() throws Exception {
        PeerLimits limits = TestEnsemble.LIMITS.withOutboundBytesMax(OUTBOUND_BYTES_MAX);
        int[] myPorts = TestEnsemble.reservePorts(2);
        try (DeafPeer quorum = new DeafPeer(); DeafPeer election = new DeafPeer()) {
            List<PeerNetwork.Member> members = twoMembers(myPorts, quorum.address(), election.address());
            try (PeerNetwork network = new PeerNetwork(1, members, limits, (from, message) -> { })) {
                network.start();
                await().atMost(WAIT).until(() -> network.isConnectedTo(2) && quorum.accepted.size() == 1);
                Socket firstConnection = quorum.accepted.get(0);

                int sends = 0;
                while (network.stats(2).dropped() == 0 && sends < SENDS_MAX) {
                    network.send(2, new PeerMessage.Relay(new byte[STATE_BYTES]));
                    sends++;
                    assertThat(network.unwrittenBytes(2, PortKind.QUORUM)).as("unwritten after %d sends", sends)
                            .isLessThanOrEqualTo(OUTBOUND_BYTES_MAX);
                }
                assertThat(network.stats(2).dropped()).as("dropped within %d sends", SENDS_MAX).isPositive();

                await().atMost(WAIT).until(() -> quorum.accepted.size() == 2);
                assertThat(drainedToTheEnd(firstConnection)).as("the sender closed the first connection").isTrue();
                await().atMost(WAIT).until(() -> network.isConnectedTo(2));
                assertThat(network.stats(2).connects()).as("election once, quorum twice").isEqualTo(3);
                assertThat(election.accepted).as("the election connection was not touched").hasSize(1);
            }
        }
    }

    /**
     * A snapshot far larger than {@code outboundBytesMax} to a peer that reads nothing: it is read
     * from its image only as the connection takes it, so the sender holds a chunk or two, and
     * what is sent after it waits behind it without passing the bound.
     */
    @Test
    void aSnapshotToAPeerThatDoesNotReadIsReadFromItsImageOnlyAsFastAsItIsWritten() throws Exception {
        PeerLimits limits = TestEnsemble.LIMITS.withOutboundBytesMax(OUTBOUND_BYTES_MAX)
                .withSnapshotBacklogBytesMax(4 * OUTBOUND_BYTES_MAX);
        int[] myPorts = TestEnsemble.reservePorts(2);
        long imageBytes = 1L << 30;
        AtomicLong readBytes = new AtomicLong();
        SnapshotImage image = new SnapshotImage() {
            @Override
            public long sizeBytes() {
                return imageBytes;
            }

            @Override
            public InputStream open() {
                return new InputStream() {
                    @Override
                    public int read() {
                        readBytes.incrementAndGet();
                        return 0;
                    }

                    @Override
                    public int read(byte[] bytes, int offset, int length) {
                        readBytes.addAndGet(length);
                        return length;
                    }
                };
            }
        };
        try (DeafPeer quorum = new DeafPeer(); DeafPeer election = new DeafPeer()) {
            List<PeerNetwork.Member> members = twoMembers(myPorts, quorum.address(), election.address());
            try (PeerNetwork network = new PeerNetwork(1, members, limits, (from, message) -> { })) {
                network.start();
                await().atMost(WAIT).until(() -> network.isConnectedTo(2) && quorum.accepted.size() == 1);
                network.send(2, new PeerMessage.Snap(7, 0, 9, image));
                await().atMost(WAIT).until(() -> readBytes.get() > 0);
                for (int i = 1; i <= 3; i++) {
                    network.send(2, new PeerMessage.Ping(7, i));
                }
                long boundBytes = 64L * SnapshotStream.CHUNK_BYTES_DEFAULT;
                await().during(Duration.ofMillis(500)).atMost(WAIT)
                        .until(() -> readBytes.get() <= boundBytes
                                && network.unwrittenBytes(2, PortKind.QUORUM) <= OUTBOUND_BYTES_MAX);
                assertThat(network.stats(2).dropped()).as("nothing dropped: the stream waits").isZero();

                // behind the snapshot, frames wait up to snapshotBacklogBytesMax, not outboundBytesMax
                int frames = (int) (2 * OUTBOUND_BYTES_MAX / STATE_BYTES);
                for (int i = 0; i < frames; i++) {
                    network.send(2, new PeerMessage.Relay(new byte[STATE_BYTES]));
                }
                assertThat(network.unwrittenBytes(2, PortKind.QUORUM)).isGreaterThan(OUTBOUND_BYTES_MAX);
                assertThat(network.stats(2).dropped()).as("past outboundBytesMax behind a snapshot").isZero();
                for (int i = 0; i < 3 * frames && network.stats(2).dropped() == 0; i++) {
                    network.send(2, new PeerMessage.Relay(new byte[STATE_BYTES]));
                }
                assertThat(network.stats(2).dropped()).as("past snapshotBacklogBytesMax").isPositive();
                await().atMost(WAIT).until(() -> quorum.accepted.size() == 2); // dialled again
            }
        }
    }

    /**
     * The control: the same frames to a peer that reads them, each sent once the one before was
     * written, are all sent and none dropped; the peer reads the hello, then every frame in order.
     */
    @Test
    void aPeerThatReadsGetsEveryFrameOfTheSameSizeInOrder() throws Exception {
        PeerLimits limits = TestEnsemble.LIMITS.withOutboundBytesMax(OUTBOUND_BYTES_MAX);
        int frames = (int) (8 * OUTBOUND_BYTES_MAX / STATE_BYTES);
        int[] myPorts = TestEnsemble.reservePorts(2);
        List<PeerMessage> read = new CopyOnWriteArrayList<>();
        List<Long> hellos = new CopyOnWriteArrayList<>();
        try (ServerSocket quorum = new ServerSocket(0, 1, LOOPBACK); DeafPeer election = new DeafPeer()) {
            Thread reader = new Thread(() -> readAll(quorum, hellos, read), "reading-peer");
            reader.setDaemon(true);
            reader.start();
            List<PeerNetwork.Member> members = twoMembers(myPorts,
                    new InetSocketAddress(LOOPBACK, quorum.getLocalPort()), election.address());
            List<PeerMessage> sent = new ArrayList<>();
            try (PeerNetwork network = new PeerNetwork(1, members, limits, (from, message) -> { })) {
                network.start();
                await().atMost(WAIT).until(() -> network.isConnectedTo(2));
                for (int i = 0; i < frames; i++) {
                    byte[] payload = new byte[STATE_BYTES];
                    payload[i] = (byte) i;
                    PeerMessage.Relay relay = new PeerMessage.Relay(payload);
                    sent.add(relay);
                    network.send(2, relay);
                    await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                            .until(() -> network.unwrittenBytes(2, PortKind.QUORUM) == 0);
                }
                await().atMost(WAIT).until(() -> read.size() == frames);
                assertThat(network.stats(2)).isEqualTo(new PeerStats(frames, 0, 2));
            }
            assertThat(hellos).containsExactly(1L);
            assertThat(TestEnsemble.encoded(read)).isEqualTo(TestEnsemble.encoded(sent));
        }
    }

    /** Accepts one connection, checks its hello and decodes its frames until it ends. */
    private static void readAll(ServerSocket server, List<Long> hellos, List<PeerMessage> read) {
        try (Socket socket = server.accept(); DataInputStream in = new DataInputStream(socket.getInputStream())) {
            if (in.readInt() != Hello.MAGIC || in.readInt() != Hello.VERSION) {
                return;
            }
            hellos.add(in.readLong());
            while (true) {
                byte[] body = new byte[in.readInt()];
                in.readFully(body);
                read.add(PeerCodec.decode(body));
            }
        } catch (IOException | PeerFormatException ended) {
            // the connection ended, or the test is over
        }
    }

    /** Reads everything the connection holds; true when it ends (closed or reset by the sender). */
    private static boolean drainedToTheEnd(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) != -1) {
                // discard
            }
            return true;
        } catch (SocketException reset) {
            return true;
        }
    }
}
