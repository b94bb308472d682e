package io.warden.cli.bench;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.warden.wire.ErrorCode;
import io.warden.wire.Frames;
import io.warden.wire.JuteInput;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.ReplyHeader;
import io.warden.wire.RequestHeader;
import io.warden.wire.Stat;
import io.warden.wire.WireFormatException;
import io.warden.wire.Xids;
import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.ConnectResponse;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.CreateResponse;
import io.warden.wire.proto.DeleteRequest;
import io.warden.wire.proto.GetChildrenRequest;
import io.warden.wire.proto.GetChildrenResponse;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.GetDataResponse;
import io.warden.wire.proto.SetDataRequest;
import io.warden.wire.proto.SetDataResponse;
import io.warden.wire.proto.WatcherEvent;

/**
 * A tiny in-memory server on an ephemeral loopback port that answers the handful of requests the
 * bench sends (create, delete, getData with one-shot data watches, setData, getChildren, ping,
 * closeSession), one thread per connection. A getData on {@link #STALL_PATH} is never answered, so
 * that tests can leave requests outstanding.
 */
final class FakeZooKeeper implements AutoCloseable {
    static final String STALL_PATH = "/stall";
    static final int NEGOTIATED_TIMEOUT_MS = 12_000;

    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> nodes = new TreeMap<>();
    private final Map<String, Set<Session>> dataWatches = new TreeMap<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger sessionsOpened = new AtomicInteger();
    private final AtomicInteger sessionsClosed = new AtomicInteger();
    private volatile boolean refuseSessions;
    private volatile boolean closeOnConnect;
    private long zxid;
    private long handled;
    private long dropAfter = Long.MAX_VALUE;

    FakeZooKeeper() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        nodes.put("/", new byte[0]);
        acceptor = new Thread(this::acceptLoop, "fake-zk-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    ServerAddress address() {
        return new ServerAddress(InetAddress.getLoopbackAddress().getHostAddress(), listener.getLocalPort());
    }

    /** Answers every later handshake with timeOut 0, as a server does for an expired session. */
    void refuseSessions() {
        refuseSessions = true;
    }

    /** Closes every later connection before answering its handshake. */
    void closeOnConnect() {
        closeOnConnect = true;
    }

    /** Drops every open connection, as a crashing server would. */
    void dropConnections() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /** Drops every connection once it has handled this many requests in all (pings and closes not counted). */
    synchronized void dropConnectionsAfter(long requests) {
        dropAfter = requests;
    }

    int pings() {
        return pings.get();
    }

    int sessionsOpened() {
        return sessionsOpened.get();
    }

    int sessionsClosed() {
        return sessionsClosed.get();
    }

    synchronized Set<String> paths() {
        return new HashSet<>(nodes.keySet());
    }

    synchronized byte[] data(String path) {
        return nodes.get(path);
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = listener.accept();
                sockets.add(socket);
                Thread thread = new Thread(() -> serve(socket), "fake-zk-connection");
                thread.setDaemon(true);
                thread.start();
            }
        } catch (IOException closed) {
            // the listener was closed
        }
    }

    private final class Session {
        private final Socket socket;
        private final OutputStream out;

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        synchronized void write(byte[] frame) {
            try {
                out.write(frame);
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Session session = new Session(socket);
            ConnectRequest connect = ConnectRequest.read(new JuteInput(readFrame(in)));
            if (closeOnConnect) {
                return;
            }
            if (refuseSessions) {
                session.write(Frames.connectResponse(new ConnectResponse(0, 0, 0, new byte[16], false,
                        connect.oldClient())));
                return;
            }
            long sessionId = 0x100L + sessionsOpened.incrementAndGet();
            session.write(Frames.connectResponse(new ConnectResponse(0, NEGOTIATED_TIMEOUT_MS, sessionId,
                    new byte[16], false, connect.oldClient())));
            while (true) {
                JuteInput request = new JuteInput(readFrame(in));
                RequestHeader header = RequestHeader.read(request);
                if (header.type() == OpCode.PING) {
                    pings.incrementAndGet();
                    session.write(Frames.reply(new ReplyHeader(Xids.PING, zxid(), 0), null));
                } else if (header.type() == OpCode.CLOSE_SESSION) {
                    sessionsClosed.incrementAndGet();
                    session.write(Frames.reply(new ReplyHeader(header.xid(), zxid(), 0), null));
                    return;
                } else {
                    handle(session, header, request);
                }
            }
        } catch (IOException | WireFormatException e) {
            // the connection ends
        }
    }

    private synchronized long zxid() {
        return zxid;
    }

    private synchronized void handle(Session session, RequestHeader header, JuteInput body)
            throws WireFormatException {
        int xid = header.xid();
        if (++handled > dropAfter) {
            try {
                dropConnections();
            } catch (IOException ignored) {
                // the sockets are closed either way
            }
            return;
        }
        switch (header.type()) {
            case OpCode.CREATE: {
                CreateRequest create = CreateRequest.read(body);
                String parent = parentOf(create.path());
                if (!nodes.containsKey(parent)) {
                    error(session, xid, ErrorCode.NONODE);
                } else if (nodes.containsKey(create.path())) {
                    error(session, xid, ErrorCode.NODEEXISTS);
                } else {
                    nodes.put(create.path(), create.data());
                    ok(session, xid, new CreateResponse(create.path()));
                }
                break;
            }
            case OpCode.DELETE: {
                DeleteRequest delete = DeleteRequest.read(body);
                if (!nodes.containsKey(delete.path())) {
                    error(session, xid, ErrorCode.NONODE);
                } else if (!childrenOf(delete.path()).isEmpty()) {
                    error(session, xid, ErrorCode.NOTEMPTY);
                } else {
                    nodes.remove(delete.path());
                    ok(session, xid, null);
                }
                break;
            }
            case OpCode.GET_DATA: {
                GetDataRequest get = GetDataRequest.read(body);
                if (get.path().equals(STALL_PATH)) {
                    break;
                }
                byte[] data = nodes.get(get.path());
                if (data == null) {
                    error(session, xid, ErrorCode.NONODE);
                    break;
                }
                if (get.watch()) {
                    dataWatches.computeIfAbsent(get.path(), path -> new HashSet<>()).add(session);
                }
                ok(session, xid, new GetDataResponse(data, stat(data)));
                break;
            }
            case OpCode.SET_DATA: {
                SetDataRequest set = SetDataRequest.read(body);
                if (!nodes.containsKey(set.path())) {
                    error(session, xid, ErrorCode.NONODE);
                    break;
                }
                nodes.put(set.path(), set.data());
                zxid++;
                Set<Session> watchers = dataWatches.remove(set.path());
                if (watchers != null) {
                    for (Session watcher : watchers) {
                        watcher.write(Frames.notification(zxid, new WatcherEvent(FanoutWatcher.NODE_DATA_CHANGED, 3,
                                set.path())));
                    }
                }
                ok(session, xid, new SetDataResponse(stat(set.data())));
                break;
            }
            case OpCode.GET_CHILDREN: {
                GetChildrenRequest list = GetChildrenRequest.read(body);
                if (!nodes.containsKey(list.path())) {
                    error(session, xid, ErrorCode.NONODE);
                } else {
                    ok(session, xid, new GetChildrenResponse(childrenOf(list.path())));
                }
                break;
            }
            default:
                error(session, xid, ErrorCode.UNIMPLEMENTED);
        }
    }

    private List<String> childrenOf(String path) {
        String prefix = path.equals("/") ? "/" : path + "/";
        List<String> children = new ArrayList<>();
        for (String candidate : nodes.keySet()) {
            if (candidate.startsWith(prefix) && candidate.length() > prefix.length()
                    && candidate.indexOf('/', prefix.length()) < 0) {
                children.add(candidate.substring(prefix.length()));
            }
        }
        return children;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    private Stat stat(byte[] data) {
        return new Stat(1, zxid, 0, 0, 0, 0, 0, 0, data == null ? 0 : data.length, 0, 1);
    }

    private void ok(Session session, int xid, Record body) {
        session.write(Frames.reply(new ReplyHeader(xid, zxid, 0), body));
    }

    private void error(Session session, int xid, ErrorCode code) {
        session.write(Frames.reply(new ReplyHeader(xid, zxid, code.code()), null));
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > Frames.JUTE_MAXBUFFER_DEFAULT) {
            throw new EOFException("bad length " + length);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        dropConnections();
        acceptor.join(5_000);
    }
}
