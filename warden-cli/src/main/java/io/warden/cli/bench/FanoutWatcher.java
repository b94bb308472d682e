package io.warden.cli.bench;

import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.WatcherEvent;

/**
 * One watcher session of watch-fanout: it holds a data watch on the node and, on each
 * NodeDataChanged, records the time in the current round and sets the watch again with
 * getData(watch=true), all on its reader thread.
 */
final class FanoutWatcher implements NotificationListener {
    /** Watcher.Event.EventType.NodeDataChanged. */
    static final int NODE_DATA_CHANGED = 3;

    private final int index;
    private final String path;
    private final ErrorCounts errors;
    private final Record watchBody;
    private volatile BenchConnection connection;
    private volatile FanoutRound round;

    FanoutWatcher(int index, String path, ErrorCounts errors) {
        this.index = index;
        this.path = path;
        this.errors = errors;
        this.watchBody = new PreEncodedBody(new GetDataRequest(path, true));
    }

    void attach(BenchConnection connection) {
        this.connection = connection;
    }

    BenchConnection connection() {
        return connection;
    }

    /** Sets the first watch, waiting for the reply. */
    void arm() throws BenchException, InterruptedException {
        Reply reply = connection.await(OpCode.GET_DATA, watchBody);
        if (!reply.ok()) {
            throw new BenchException("watcher " + index + ": getData " + path + " failed: "
                    + ErrorCounts.nameOf(reply.err()));
        }
    }

    void begin(FanoutRound next) {
        round = next;
    }

    @Override
    public void onNotification(WatcherEvent event, long receivedNanos) {
        FanoutRound current = round;
        if (event.type() != NODE_DATA_CHANGED || !path.equals(event.path()) || current == null
                || !current.deliver(index, receivedNanos)) {
            errors.add(ErrorCounts.UNEXPECTED_EVENT, 1);
            return;
        }
        connection.send(OpCode.GET_DATA, watchBody, reply -> {
            if (reply.ok()) {
                current.rearmed();
            } else {
                errors.add(reply.err());
            }
        });
    }
}
