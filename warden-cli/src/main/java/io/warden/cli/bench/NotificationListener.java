package io.warden.cli.bench;

import io.warden.wire.proto.WatcherEvent;

/** Receives watch notifications (xid -1), on the connection's reader thread. It must not block. */
@FunctionalInterface
interface NotificationListener {
    NotificationListener IGNORE = (event, receivedNanos) -> { };

    void onNotification(WatcherEvent event, long receivedNanos);
}
