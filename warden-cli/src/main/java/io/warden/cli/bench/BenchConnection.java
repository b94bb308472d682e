package io.warden.cli.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.warden.wire.Frames;
import io.warden.wire.JuteInput;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.ReplyHeader;
import io.warden.wire.RequestHeader;
import io.warden.wire.WireFormatException;
import io.warden.wire.Xids;
import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.ConnectResponse;
import io.warden.wire.proto.EmptyBody;
import io.warden.wire.proto.WatcherEvent;

/**
 * One client session over a blocking socket, pipelined: {@link #send} writes a request with the
 * next xid and returns at once; one reader thread matches replies to requests in FIFO order (the
 * server answers a session's requests in order) and hands notifications to the listener. Nothing
 * else is answered or retried: a lost connection fails every outstanding request with
 * CONNECTIONLOSS and the session stays lost.
 */
final class BenchConnection implements AutoCloseable {
    static final int SESSION_TIMEOUT_MS = 30_000;
    static final int CONNECT_TIMEOUT_MS = 10_000;
    static final int CALL_TIMEOUT_MS = 10_000;
    static final int CLOSE_TIMEOUT_MS = 3_000;
    static final int FRAME_BYTES_MAX = Frames.JUTE_MAXBUFFER_DEFAULT;
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final int PASSWORD_BYTES = 16;
    private static final byte[] PING_FRAME = Frames.request(new RequestHeader(Xids.PING, OpCode.PING), null);

    private final String name;
    private final ServerAddress address;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final long sessionId;
    private final int negotiatedTimeoutMs;
    private final NotificationListener listener;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final Object writeLock = new Object();
    private final Thread reader;
    /** Guarded by {@link #writeLock}. */
    private int nextXid = 1;
    /** Written under {@link #writeLock}. */
    private volatile boolean closed;
    private volatile boolean closing;
    private volatile String failure;
    private volatile long lastSendNanos;

    private record Pending(int xid, int opCode, long sentNanos, ReplyHandler handler) {
    }

    private BenchConnection(String name, ServerAddress address, Socket socket, DataInputStream in, OutputStream out,
            ConnectResponse response, NotificationListener listener) {
        this.name = name;
        this.address = address;
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.sessionId = response.sessionId();
        this.negotiatedTimeoutMs = response.timeOut();
        this.listener = listener;
        this.lastSendNanos = System.nanoTime();
        this.reader = new Thread(this::readLoop, "bench-reader-" + name);
        this.reader.setDaemon(true);
    }

    /** Connects, creates a new session and starts the reader thread. */
    static BenchConnection open(String name, ServerAddress address, NotificationListener listener)
            throws BenchException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address.toSocketAddress(), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(CONNECT_TIMEOUT_MS);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(),
                    READ_BUFFER_BYTES));
            OutputStream out = socket.getOutputStream();
            ConnectRequest request = new ConnectRequest(0, 0L, SESSION_TIMEOUT_MS, 0L, new byte[PASSWORD_BYTES],
                    false, false);
            out.write(Frames.connectRequest(request));
            out.flush();
            ConnectResponse response = ConnectResponse.read(new JuteInput(readFrame(in)));
            if (response.timeOut() <= 0 || response.sessionId() == 0) {
                throw new BenchException(address + " refused the session (ConnectResponse timeOut "
                        + response.timeOut() + ")");
            }
            socket.setSoTimeout(0);
            BenchConnection connection = new BenchConnection(name, address, socket, in, out, response, listener);
            connection.reader.start();
            return connection;
        } catch (EOFException e) {
            closeQuietly(socket);
            throw new BenchException(address + " closed the connection during the handshake"
                    + " (too many connections from this address? see maxClientCnxns)", e);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new BenchException(address + " did not complete the handshake within " + CONNECT_TIMEOUT_MS
                    + " ms", e);
        } catch (IOException | WireFormatException e) {
            closeQuietly(socket);
            throw new BenchException("cannot connect to " + address + ": " + e.getMessage(), e);
        } catch (BenchException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > FRAME_BYTES_MAX) {
            throw new IOException("frame length " + length + " outside 0.." + FRAME_BYTES_MAX);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    String name() {
        return name;
    }

    ServerAddress address() {
        return address;
    }

    long sessionId() {
        return sessionId;
    }

    int negotiatedTimeoutMs() {
        return negotiatedTimeoutMs;
    }

    boolean isOpen() {
        return !closed;
    }

    /** Why the connection was lost, or {@code null} while it is open or after an orderly close. */
    String failure() {
        return failure;
    }

    long lastSendNanos() {
        return lastSendNanos;
    }

    /**
     * Sends a request; {@code handler} later gets exactly one reply, a real one or CONNECTIONLOSS.
     * Returns false, without calling the handler, when the connection is already closed. Pings go
     * through {@link #ping()}: their replies carry xid -2, not the request's.
     */
    boolean send(int opCode, Record bodyOrNull, ReplyHandler handler) {
        return send(opCode, bodyOrNull, System.nanoTime(), handler);
    }

    /**
     * As {@link #send(int, Record, ReplyHandler)}, with the send time the caller just read, so that
     * the caller's decision (measured or not) and the reply's {@code sentNanos} agree.
     */
    boolean send(int opCode, Record bodyOrNull, long sentNanos, ReplyHandler handler) {
        IOException writeFailure = null;
        synchronized (writeLock) {
            if (closed) {
                return false;
            }
            int xid = nextXid++;
            byte[] frame = Frames.request(new RequestHeader(xid, opCode), bodyOrNull);
            pending.add(new Pending(xid, opCode, sentNanos, handler));
            lastSendNanos = sentNanos;
            try {
                out.write(frame);
            } catch (IOException e) {
                writeFailure = e;
            }
        }
        if (writeFailure != null) {
            fail("write failed: " + writeFailure.getMessage());
        }
        return true;
    }

    /** Sends a request and returns its reply as a future (CONNECTIONLOSS included). */
    CompletableFuture<Reply> call(int opCode, Record bodyOrNull) {
        CompletableFuture<Reply> future = new CompletableFuture<>();
        if (!send(opCode, bodyOrNull, future::complete)) {
            long now = System.nanoTime();
            future.complete(Reply.connectionLoss(0, opCode, now, now));
        }
        return future;
    }

    /** Sends a request and waits, at most {@link #CALL_TIMEOUT_MS}, for its reply. */
    Reply await(int opCode, Record bodyOrNull) throws BenchException, InterruptedException {
        try {
            return call(opCode, bodyOrNull).get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BenchException(address + ": no reply to " + OpCode.name(opCode) + " within " + CALL_TIMEOUT_MS
                    + " ms");
        } catch (ExecutionException e) {
            throw new BenchException(address + ": " + OpCode.name(opCode) + " failed", e.getCause());
        }
    }

    /** Sends a ping (xid -2); its reply is read and dropped. */
    void ping() {
        IOException writeFailure = null;
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            lastSendNanos = System.nanoTime();
            try {
                out.write(PING_FRAME);
            } catch (IOException e) {
                writeFailure = e;
            }
        }
        if (writeFailure != null) {
            fail("write failed: " + writeFailure.getMessage());
        }
    }

    private void readLoop() {
        try {
            while (true) {
                byte[] payload = readFrame(in);
                long now = System.nanoTime();
                JuteInput input = new JuteInput(payload);
                ReplyHeader header = ReplyHeader.read(input);
                if (header.xid() == Xids.NOTIFICATION) {
                    listener.onNotification(WatcherEvent.read(input), now);
                } else if (header.xid() != Xids.PING) {
                    Pending request = pending.poll();
                    if (request == null || request.xid() != header.xid()) {
                        fail("reply with xid " + header.xid() + " while "
                                + (request == null ? "no request was outstanding" : "xid " + request.xid() + " was next"));
                        if (request != null) {
                            request.handler().onReply(Reply.connectionLoss(request.xid(), request.opCode(),
                                    request.sentNanos(), now));
                        }
                        return;
                    }
                    request.handler().onReply(new Reply(header.xid(), request.opCode(), header.zxid(), header.err(),
                            payload, input.position(), request.sentNanos(), now));
                }
            }
        } catch (EOFException e) {
            fail("the server closed the connection");
        } catch (IOException | WireFormatException | RuntimeException e) {
            fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Marks the connection lost, closes the socket and fails every outstanding request. */
    private void fail(String reason) {
        synchronized (writeLock) {
            if (!closed) {
                closed = true;
                if (!closing) {
                    failure = reason;
                }
            }
        }
        closeQuietly(socket);
        long now = System.nanoTime();
        Pending request;
        while ((request = pending.poll()) != null) {
            request.handler().onReply(Reply.connectionLoss(request.xid(), request.opCode(), request.sentNanos(), now));
        }
    }

    /** Closes the session (closeSession, waiting a bounded time for its reply), then the socket. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        if (!closed) {
            CountDownLatch answered = new CountDownLatch(1);
            if (send(OpCode.CLOSE_SESSION, EmptyBody.INSTANCE, reply -> answered.countDown())) {
                answered.await(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        }
        fail("closed");
        reader.join(CLOSE_TIMEOUT_MS);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    @Override
    public String toString() {
        return name + "@" + address + " session 0x" + Long.toHexString(sessionId);
    }
}
