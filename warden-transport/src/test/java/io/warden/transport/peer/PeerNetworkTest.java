package io.warden.transport.peer;

import static io.warden.transport.peer.TestEnsemble.LIMITS;
import static io.warden.transport.peer.TestEnsemble.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.warden.zab.Entry;
import io.warden.zab.PeerMessage;
import io.warden.zab.SnapshotImage;
import io.warden.zab.ServerState;

/** Peer networks over real sockets on 127.0.0.1: delivery and order, reconnection, and bad connections. */
class PeerNetworkTest {
    private static final int MESSAGES_PER_CONNECTION = 1_000;

    /** The i-th message on the quorum connection from {@code from} to {@code to}: a mix of kinds. */
    private static PeerMessage quorumMessage(long from, long to, int i) {
        long link = from * 100 + to;
        return switch (i % 4) {
            case 0 -> new PeerMessage.Ping(link, i);
            case 1 -> new PeerMessage.Commit(link, i, i * 10L);
            case 2 -> new PeerMessage.Proposals(link, i, List.of(new Entry(i, new byte[] {(byte) i, (byte) from})));
            default -> new PeerMessage.Snap(link, i, i, SnapshotImage.of(image(i)));
        };
    }

    /** Bytes that say which message they belong to: a few hundred, or now and then up to three chunks. */
    private static byte[] image(int i) {
        int length = i % 40 == 3 ? (i * 7919) % (3 * SnapshotStream.CHUNK_BYTES_DEFAULT) : i % 300;
        byte[] bytes = new byte[length];
        for (int at = 0; at < bytes.length; at += 101) {
            bytes[at] = (byte) i;
        }
        return bytes;
    }

    private static PeerMessage.Vote vote(long from, int i) {
        return new PeerMessage.Vote(i, ServerState.LOOKING, from, 1, i);
    }

    /**
     * Queued messages arrive in the order queued, and a direct send made before the flush does not
     * overtake them: it goes out after them; later queued ones leave at the next flush.
     */
    @Test
    void queuedMessagesLeaveAtTheFlushInTheOrderQueued() throws Exception {
        try (TestEnsemble ensemble = TestEnsemble.started(2, LIMITS)) {
            await().atMost(WAIT).until(ensemble::allConnected);
            PeerNetwork sender = ensemble.network(1);
            List<PeerMessage> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                PeerMessage message = quorumMessage(1, 2, i);
                expected.add(message);
                sender.queue(2, message);
            }
            PeerMessage direct = new PeerMessage.Commit(102, 200, 7);
            expected.add(direct);
            sender.send(2, direct);
            PeerMessage last = new PeerMessage.Commit(102, 201, 8);
            expected.add(last);
            sender.queue(2, last);
            sender.flushQueued();
            await().atMost(WAIT).until(() -> ensemble.received(2, 1).size() == expected.size());
            assertThat(TestEnsemble.encoded(ensemble.received(2, 1))).isEqualTo(TestEnsemble.encoded(expected));
            assertThat(sender.stats(2).sent()).isEqualTo(expected.size());
        }
    }

    /** Long {@code Proposals} frames are encoded as the connection takes them; they arrive whole and in order. */
    @Test
    void longProposalsArriveWholeAmongShortMessagesInTheOrderQueued() throws Exception {
        try (TestEnsemble ensemble = TestEnsemble.started(2, LIMITS)) {
            await().atMost(WAIT).until(ensemble::allConnected);
            PeerNetwork sender = ensemble.network(1);
            java.util.Random random = new java.util.Random(7);
            List<PeerMessage> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                List<Entry> entries = new ArrayList<>();
                for (int e = 0; e < 1 + random.nextInt(40); e++) {
                    byte[] payload = new byte[random.nextInt(20_000)];
                    random.nextBytes(payload);
                    entries.add(new Entry(i * 100L + e, payload));
                }
                PeerMessage.Proposals proposals = new PeerMessage.Proposals(5, 2 * i, entries);
                PeerMessage commit = new PeerMessage.Commit(5, 2 * i + 1, i);
                expected.add(proposals);
                expected.add(commit);
                sender.queue(2, proposals);
                sender.queue(2, commit);
            }
            sender.flushQueued();
            await().atMost(WAIT).until(() -> ensemble.received(2, 1).size() == expected.size());
            assertThat(TestEnsemble.encoded(ensemble.received(2, 1))).isEqualTo(TestEnsemble.encoded(expected));
            assertThat(sender.stats(2).dropped()).isZero();
        }
    }

    @Test
    void threeServersExchangeVotesAndLinkMessagesInTheOrderSent() throws Exception {
        try (TestEnsemble ensemble = TestEnsemble.started(3, LIMITS)) {
            await().atMost(WAIT).until(ensemble::allConnected);
            ExecutorService senders = Executors.newFixedThreadPool(3);
            try {
                List<Future<?>> sending = new ArrayList<>();
                for (long from = 1; from <= 3; from++) {
                    long sender = from;
                    sending.add(senders.submit(() -> {
                        PeerNetwork network = ensemble.network(sender);
                        for (int i = 0; i < MESSAGES_PER_CONNECTION; i++) {
                            for (long to = 1; to <= 3; to++) {
                                if (to != sender) {
                                    network.send(to, quorumMessage(sender, to, i));
                                    network.send(to, vote(sender, i));
                                }
                            }
                        }
                    }));
                }
                for (Future<?> future : sending) {
                    future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } finally {
                senders.shutdownNow();
            }
            for (long to = 1; to <= 3; to++) {
                for (long from = 1; from <= 3; from++) {
                    if (from == to) {
                        continue;
                    }
                    long receiver = to;
                    long sender = from;
                    await().atMost(WAIT).until(() -> ensemble.received(receiver, sender).size()
                            == 2 * MESSAGES_PER_CONNECTION);
                    List<PeerMessage> expectedLink = new ArrayList<>();
                    List<PeerMessage> expectedVotes = new ArrayList<>();
                    for (int i = 0; i < MESSAGES_PER_CONNECTION; i++) {
                        expectedLink.add(quorumMessage(sender, receiver, i));
                        expectedVotes.add(vote(sender, i));
                    }
                    List<PeerMessage> votes = ensemble.received(receiver, sender, PeerMessage.Vote.class);
                    List<PeerMessage> link = new ArrayList<>(ensemble.received(receiver, sender));
                    link.removeAll(votes);
                    assertThat(votes).as("votes from %d to %d", sender, receiver).isEqualTo(expectedVotes);
                    assertThat(TestEnsemble.encoded(link)).as("link messages from %d to %d", sender, receiver)
                            .isEqualTo(TestEnsemble.encoded(expectedLink));
                    PeerNetwork network = ensemble.network(sender);
                    await().atMost(WAIT).until(() -> network.stats(receiver).sent() == 2 * MESSAGES_PER_CONNECTION);
                    assertThat(network.stats(receiver).dropped()).isZero();
                    assertThat(network.stats(receiver).connects()).isEqualTo(2);
                }
            }
        }
    }

    @Test
    void aServerThatStartsLateIsReachedOnceItStarts() throws Exception {
        try (TestEnsemble ensemble = TestEnsemble.of(3, LIMITS)) {
            PeerNetwork first = ensemble.start(1);
            ensemble.start(2);
            await().atMost(WAIT).until(() -> first.isConnectedTo(2));
            first.send(3, vote(1, 0));
            assertThat(first.isConnectedTo(3)).isFalse();
            assertThat(first.stats(3).dropped()).as("a peer that is down gets nothing").isEqualTo(1);

            PeerNetwork third = ensemble.start(3);
            await().atMost(WAIT).until(ensemble::allConnected);
            first.send(3, vote(1, 1));
            third.send(1, new PeerMessage.FollowerInfo(31, 0, 0));
            await().atMost(WAIT).until(() -> ensemble.received(3, 1).size() == 1
                    && ensemble.received(1, 3).size() == 1);
            assertThat(ensemble.received(3, 1)).containsExactly(vote(1, 1));
            assertThat(ensemble.received(1, 3)).containsExactly(new PeerMessage.FollowerInfo(31, 0, 0));
        }
    }

    @Test
    void aServerRestartedOnTheSamePortsIsReachedAgain() throws Exception {
        try (TestEnsemble ensemble = TestEnsemble.started(3, LIMITS)) {
            PeerNetwork first = ensemble.network(1);
            await().atMost(WAIT).until(ensemble::allConnected);
            ensemble.stop(3);
            await().atMost(WAIT).until(() -> !first.isConnectedTo(3) && !ensemble.network(2).isConnectedTo(3));

            PeerNetwork third = ensemble.start(3);
            await().atMost(WAIT).until(ensemble::allConnected);
            assertThat(first.stats(3).connects()).as("both connections dialled twice").isEqualTo(4);
            first.send(3, new PeerMessage.Ping(13, 0));
            third.send(2, new PeerMessage.Ack(32, 0, 5));
            await().atMost(WAIT).until(() -> ensemble.received(3, 1).size() == 1
                    && ensemble.received(2, 3).size() == 1);
            assertThat(ensemble.received(3, 1)).containsExactly(new PeerMessage.Ping(13, 0));
            assertThat(ensemble.received(2, 3)).containsExactly(new PeerMessage.Ack(32, 0, 5));
        }
    }

    /**
     * A receiver that takes messages later than it is handed them holds its senders back past
     * {@code inboundBytesMax}: the connection is not read, nothing is dropped, and everything
     * arrives once the receiver takes what waits.
     */
    @Test
    void aSlowReceiverIsNotReadPastInboundBytesMaxAndLosesNothing() throws Exception {
        long inboundMax = 1L << 20;
        int messageBytes = 100_000;
        int messages = 40;
        PeerLimits limits = LIMITS.withInboundBytesMax(inboundMax).withOutboundBytesMax(16L << 20);
        try (TestEnsemble ensemble = TestEnsemble.of(2, limits)) {
            java.util.concurrent.BlockingQueue<PeerMessage> handed = new java.util.concurrent.LinkedBlockingQueue<>();
            PeerNetwork slow = new PeerNetwork(1, ensemble.members, limits, (from, message) -> handed.add(message));
            slow.receiverTakesLater();
            slow.start();
            try {
                PeerNetwork sender = ensemble.start(2);
                await().atMost(WAIT).until(() -> sender.isConnectedTo(1) && slow.isConnectedTo(2));
                List<PeerMessage> expected = new ArrayList<>();
                for (int i = 0; i < messages; i++) {
                    PeerMessage message = new PeerMessage.Proposals(3, i, List.of(new Entry(i, new byte[messageBytes])));
                    expected.add(message);
                    sender.queue(1, message);
                }
                sender.flushQueued();
                await().atMost(WAIT).until(() -> slow.connectionsPausedForTheReceiver() == 1);
                int handedWhenPaused = handed.size();
                assertThat(handedWhenPaused).as("not read past the bound").isLessThan(messages);
                assertThat(slow.inboundWaitingBytes()).as("the bound, one message and one read past it at most")
                        .isLessThanOrEqualTo(inboundMax + messageBytes + 64 * 1024 + messageBytes);

                List<PeerMessage> taken = new ArrayList<>();
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (taken.size() < messages && System.nanoTime() < deadline) {
                    PeerMessage next = handed.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (next != null) {
                        taken.add(next);
                        slow.taken(next);
                    }
                }
                assertThat(TestEnsemble.encoded(taken)).as("everything, in order").isEqualTo(
                        TestEnsemble.encoded(expected));
                assertThat(sender.stats(1).dropped()).isZero();
                assertThat(slow.inboundWaitingBytes()).isZero();
                assertThat(slow.connectionsPausedForTheReceiver()).isZero();
            } finally {
                slow.close();
            }
        }
    }

    @Test
    void aPeerThatGoesAwayIsReportedLost() throws Exception {
        try (TestEnsemble ensemble = TestEnsemble.of(2, LIMITS)) {
            java.util.List<Long> lost = new java.util.concurrent.CopyOnWriteArrayList<>();
            PeerNetwork watcher = new PeerNetwork(1, ensemble.members, LIMITS, (from, message) -> { });
            watcher.onConnectionLost(lost::add);
            watcher.start();
            try {
                ensemble.start(2);
                await().atMost(WAIT).until(() -> watcher.isConnectedTo(2) && ensemble.network(2).isConnectedTo(1));
                assertThat(lost).isEmpty();
                ensemble.stop(2);
                await().atMost(WAIT).until(() -> lost.contains(2L));
                assertThat(lost).as("only the peer that went away").containsOnly(2L);
            } finally {
                watcher.close();
            }
        }
    }

    @Test
    void badConnectionsAreClosedWhileThePeersKeepTalking() throws Exception {
        // Server 3 is a member that never starts: raw sockets speak for it (or fail to).
        try (TestEnsemble ensemble = TestEnsemble.of(3, LIMITS)) {
            PeerNetwork first = ensemble.start(1);
            PeerNetwork second = ensemble.start(2);
            await().atMost(WAIT).until(() -> first.isConnectedTo(2) && second.isConnectedTo(1));
            int quorumPort = first.quorumPort();
            int electionPort = first.electionPort();

            PeerMessage.Ping fromRaw = new PeerMessage.Ping(300, 0);
            try (Socket good = connect(quorumPort)) {
                write(good, hello(Hello.MAGIC, Hello.VERSION, 3), PeerCodec.encodeFrame(fromRaw));
                await().atMost(WAIT).until(() -> ensemble.received(1, 3).size() == 1);
                assertThat(ensemble.received(1, 3)).as("the raw socket speaks the protocol").containsExactly(fromRaw);
                write(good, new byte[] {0, 0, 0, 4, (byte) 0xEE, 0, 0, 0});
                assertThat(closedByServer(good)).as("garbage after a good hello").isTrue();
            }
            List<byte[]> badStarts = List.of(
                    hello(0x4242_4242, Hello.VERSION, 3),
                    hello(Hello.MAGIC, 77, 3),
                    hello(Hello.MAGIC, Hello.VERSION, 42),
                    hello(Hello.MAGIC, Hello.VERSION, 1),
                    concat(hello(Hello.MAGIC, Hello.VERSION, 3),
                            ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array()),
                    concat(hello(Hello.MAGIC, Hello.VERSION, 3), ByteBuffer.allocate(4).putInt(0).array()));
            for (int port : new int[] {quorumPort, electionPort}) {
                PeerMessage wrongPort = port == quorumPort ? vote(3, 0) : new PeerMessage.Ping(300, 1);
                List<byte[]> starts = new ArrayList<>(badStarts);
                starts.add(concat(hello(Hello.MAGIC, Hello.VERSION, 3), PeerCodec.encodeFrame(wrongPort)));
                for (byte[] start : starts) {
                    try (Socket socket = connect(port)) {
                        write(socket, start);
                        assertThat(closedByServer(socket))
                                .as("port %d after %s", port, HexFormat.of().formatHex(start)).isTrue();
                    }
                }
                try (Socket silent = connect(port)) {
                    assertThat(closedByServer(silent)).as("a connection that says nothing").isTrue();
                }
            }
            assertThat(ensemble.received(1, 3)).as("nothing but the good frame came through").containsExactly(fromRaw);

            second.send(1, new PeerMessage.Ack(21, 0, 7));
            second.send(1, vote(2, 5));
            first.send(2, new PeerMessage.Commit(12, 0, 7));
            await().atMost(WAIT).until(() -> ensemble.received(1, 2).size() == 2
                    && ensemble.received(2, 1).size() == 1);
            assertThat(ensemble.received(1, 2)).containsExactlyInAnyOrder(new PeerMessage.Ack(21, 0, 7), vote(2, 5));
            assertThat(ensemble.received(2, 1)).containsExactly(new PeerMessage.Commit(12, 0, 7));
            assertThat(second.stats(1).connects()).as("the real connections were never closed").isEqualTo(2);
            assertThat(first.stats(2).connects()).isEqualTo(2);
        }
    }

    @Test
    void aReceiverThatThrowsCostsOnlyItsConnectionWhichIsDialledAgain() throws Exception {
        PeerMessage.Ping poison = new PeerMessage.Ping(-1, 0);
        try (TestEnsemble ensemble = TestEnsemble.of(2, LIMITS)) {
            List<PeerMessage> delivered = new ArrayList<>();
            PeerNetwork first = ensemble.start(1, (from, message) -> {
                if (message.equals(poison)) {
                    throw new IllegalStateException("the receiver fails on the poison");
                }
                synchronized (delivered) {
                    delivered.add(message);
                }
            });
            PeerNetwork second = ensemble.start(2);
            await().atMost(WAIT).until(() -> second.isConnectedTo(1));
            second.send(1, poison);
            await().atMost(WAIT).until(() -> second.stats(1).connects() == 3 && second.isConnectedTo(1));
            second.send(1, new PeerMessage.Ping(5, 0));
            await().atMost(WAIT).until(() -> {
                synchronized (delivered) {
                    return delivered.contains(new PeerMessage.Ping(5, 0));
                }
            });
            assertThat(first.isConnectedTo(2)).isTrue();
        }
    }

    @Test
    void sendingNeverFailsForAPeerThatIsDownButRefusesAStranger() throws Exception {
        try (TestEnsemble ensemble = TestEnsemble.of(2, LIMITS)) {
            PeerNetwork notStarted = new PeerNetwork(1, ensemble.members, LIMITS, (from, message) -> { });
            notStarted.send(2, vote(1, 0));
            assertThat(notStarted.stats(2)).isEqualTo(new PeerStats(0, 1, 0));
            assertThatThrownBy(() -> notStarted.send(9, vote(1, 0))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("server 9 is not a peer of server 1");
            assertThatThrownBy(() -> notStarted.send(1, vote(1, 0))).isInstanceOf(IllegalArgumentException.class);
            notStarted.close();
            notStarted.close();

            PeerNetwork first = ensemble.start(1);
            first.send(2, vote(1, 1));
            assertThat(first.stats(2).dropped()).isEqualTo(1);
            first.close();
            first.close();
            first.send(2, vote(1, 2));
            assertThat(first.stats(2).dropped()).as("after close").isEqualTo(2);
        }
    }

    @Test
    void membersMustBeDistinctAndIncludeThisServer() throws Exception {
        List<PeerNetwork.Member> members = TestEnsemble.reserveMembers(2);
        assertThatThrownBy(() -> new PeerNetwork(3, members, LIMITS, (from, message) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id 3 is not among the members");
        List<PeerNetwork.Member> twice = List.of(members.get(0), members.get(1), members.get(1));
        assertThatThrownBy(() -> new PeerNetwork(1, twice, LIMITS, (from, message) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server id 2 is listed twice");
    }

    @Test
    void aPortThatStaysTakenFailsTheStartAfterTheRetries() throws Exception {
        List<PeerNetwork.Member> members = TestEnsemble.reserveMembers(2);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(members.get(0).electionAddress());
            PeerNetwork network = new PeerNetwork(1, members, LIMITS.withBindRetries(2, 10), (from, message) -> { });
            assertThatThrownBy(network::start).isInstanceOf(BindException.class)
                    .hasMessageContaining("cannot bind the election port").hasMessageContaining("2 attempts");
            network.close();
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.connect(new InetSocketAddress(TestEnsemble.LOOPBACK, port));
        return socket;
    }

    private static void write(Socket socket, byte[]... parts) throws IOException {
        OutputStream out = socket.getOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        out.flush();
    }

    /** Blocks until the server closes the connection (true) or the socket's read timeout passes (an exception). */
    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static byte[] hello(int magic, int version, long id) {
        return ByteBuffer.allocate(Hello.BYTES).putInt(magic).putInt(version).putLong(id).array();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    }
}
