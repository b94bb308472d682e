package io.warden.client;

import io.warden.wire.ErrorCode;
import java.util.Objects;

/**
 * A watch a request asks for, registered only when the reply says the server registered it:
 * getData and getChildren when they succeed, exists both when the node exists (a data watch) and
 * when it does not (an exist watch), addWatch when it succeeds. {@code serverPath} includes the
 * chroot.
 */
record WatchRegistration(Request request, String serverPath, Watcher watcher) {
    enum Request { GET_DATA, EXISTS, GET_CHILDREN, PERSISTENT, PERSISTENT_RECURSIVE }

    WatchRegistration {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(serverPath, "serverPath");
        Objects.requireNonNull(watcher, "watcher");
    }

    /** The kind of watch the server now holds after a reply with this code, or null for none. */
    ClientWatches.Kind kindAfter(ErrorCode code) {
        return switch (request) {
            case GET_DATA -> code == ErrorCode.OK ? ClientWatches.Kind.DATA : null;
            case EXISTS -> code == ErrorCode.OK ? ClientWatches.Kind.DATA
                    : code == ErrorCode.NONODE ? ClientWatches.Kind.EXIST : null;
            case GET_CHILDREN -> code == ErrorCode.OK ? ClientWatches.Kind.CHILD : null;
            case PERSISTENT -> code == ErrorCode.OK ? ClientWatches.Kind.PERSISTENT : null;
            case PERSISTENT_RECURSIVE -> code == ErrorCode.OK ? ClientWatches.Kind.PERSISTENT_RECURSIVE : null;
        };
    }
}
