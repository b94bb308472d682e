package io.warden.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A plain TCP connection to a server's client port for raw-protocol tests: writes hand-built bytes
 * and reads frames, with every read bounded by a socket timeout. No ZooKeeper classes are involved.
 */
final class RawConnection implements AutoCloseable {

    /** The bound on a single read; only a broken server makes a test wait this long. */
    static final int READ_TIMEOUT_MS = 10_000;

    /** What a read found. */
    sealed interface Outcome permits Frame, Closed, Silent {
    }

    /** A whole frame: its payload, without the length prefix. */
    record Frame(byte[] payload) implements Outcome {
        ReplyHeaderView header() {
            ByteBuffer b = ByteBuffer.wrap(payload);
            return new ReplyHeaderView(b.getInt(), b.getLong(), b.getInt(), payload.length - 16);
        }

        ByteBuffer body() {
            return ByteBuffer.wrap(payload, 16, payload.length - 16).slice();
        }
    }

    /** The server closed the connection (end of stream or reset); {@code partial} bytes came first. */
    record Closed(int partial) implements Outcome {
    }

    /** Nothing arrived within the read timeout; the connection is still open. */
    record Silent() implements Outcome {
    }

    /** The fields of a ReplyHeader, and how many body bytes followed it. */
    record ReplyHeaderView(int xid, long zxid, int err, int bodyLength) {
    }

    /** A decoded ConnectResponse. {@code readOnly} is null when the response omitted it. */
    record ConnectResponse(int frameLength, int protocolVersion, int timeout, long sessionId, byte[] password,
            Boolean readOnly) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawConnection open(TestServer server) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.connect(new InetSocketAddress(server.host(), server.clientPort()), READ_TIMEOUT_MS);
            return new RawConnection(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
            throw new UncheckedIOException("cannot connect to " + server, e);
        }
    }

    /** Writes bytes as they are, in one write. */
    void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ConnectRequest frame. */
    static byte[] connectRequest(long lastZxid, int timeout, long sessionId, byte[] password, boolean withReadOnly) {
        JuteBytes b = JuteBytes.create().i32(0).i64(lastZxid).i32(timeout).i64(sessionId).buffer(password);
        if (withReadOnly) {
            b.bool(false);
        }
        return b.frame();
    }

    /** A request frame: RequestHeader{xid, type} then the body. */
    static byte[] request(int xid, int type, byte[] body) {
        return JuteBytes.create().i32(xid).i32(type).raw(body).frame();
    }

    /** Sends one request frame and reads what comes back. */
    Outcome call(int xid, int type, byte[] body) {
        send(request(xid, type, body));
        return read();
    }

    /** Sends closeSession and reads the reply; the server closes the connection after it. */
    Outcome closeSession(int xid) {
        return call(xid, -11, new byte[0]);
    }

    /** Sends a ConnectRequest for a new session and decodes the answer. */
    ConnectResponse handshake(int timeout) {
        return handshake(0, timeout, 0, new byte[16], true);
    }

    ConnectResponse handshake(long lastZxid, int timeout, long sessionId, byte[] password, boolean withReadOnly) {
        send(connectRequest(lastZxid, timeout, sessionId, password, withReadOnly));
        Outcome outcome = read();
        if (!(outcome instanceof Frame frame)) {
            throw new IllegalStateException("no ConnectResponse: " + describe(outcome));
        }
        return decodeConnectResponse(frame.payload());
    }

    static ConnectResponse decodeConnectResponse(byte[] p) {
        ByteBuffer b = ByteBuffer.wrap(p);
        int protocolVersion = b.getInt();
        int timeout = b.getInt();
        long sessionId = b.getLong();
        int len = b.getInt();
        byte[] password = len < 0 ? null : new byte[len];
        if (password != null) {
            b.get(password);
        }
        Boolean readOnly = b.hasRemaining() ? b.get() != 0 : null;
        return new ConnectResponse(p.length, protocolVersion, timeout, sessionId, password, readOnly);
    }

    /** Reads the next frame, or notices a close or silence. */
    Outcome read() {
        byte[] lengthBytes = new byte[4];
        int got = readFully(lengthBytes);
        if (got < 4) {
            return got == -2 ? new Silent() : new Closed(Math.max(got, 0));
        }
        int length = ByteBuffer.wrap(lengthBytes).getInt();
        if (length < 0 || length > 16 * 1024 * 1024) {
            throw new IllegalStateException("implausible frame length from server: " + length);
        }
        byte[] payload = new byte[length];
        int body = readFully(payload);
        if (body == -2) {
            return new Silent();
        }
        if (body < length) {
            return new Closed(4 + Math.max(body, 0));
        }
        return new Frame(payload);
    }

    /**
     * Reads the next frame, waiting at most {@code timeoutMs}: for checking that a server stays silent
     * where a correct server never answers.
     */
    Outcome readWithin(int timeoutMs) {
        try {
            socket.setSoTimeout(timeoutMs);
            try {
                return read();
            } finally {
                socket.setSoTimeout(READ_TIMEOUT_MS);
            }
        } catch (SocketException e) {
            return new Closed(0);
        }
    }

    /** Reads raw bytes until the server closes the connection (four-letter words). */
    String readUntilClosed() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            while (true) {
                int n = in.read(chunk);
                if (n < 0) {
                    return all.toString(StandardCharsets.UTF_8);
                }
                all.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return all.toString(StandardCharsets.UTF_8) + "<still open after " + READ_TIMEOUT_MS + " ms>";
        } catch (IOException e) {
            return all.toString(StandardCharsets.UTF_8) + "<reset>";
        }
    }

    /** Fills {@code b}; returns its length, the bytes read before end of stream, or -2 on timeout. */
    private int readFully(byte[] b) {
        int off = 0;
        try {
            while (off < b.length) {
                int n = in.read(b, off, b.length - off);
                if (n < 0) {
                    return off;
                }
                off += n;
            }
            return off;
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (SocketException e) {
            // connection reset by the server counts as a close
            return off;
        } catch (EOFException e) {
            return off;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A normalised one-line description of an outcome, for transcripts. */
    static String describe(Outcome outcome) {
        if (outcome instanceof Closed c) {
            return c.partial() == 0 ? "closed" : "closed after " + c.partial() + " bytes of a frame";
        }
        if (outcome instanceof Silent) {
            return "no answer, connection open";
        }
        Frame f = (Frame) outcome;
        return "frame of " + f.payload().length + " bytes";
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    static boolean allZero(byte[] b) {
        return b != null && Arrays.equals(b, new byte[b.length]);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket cannot fail in a way that matters
        }
    }
}
