package io.warden.daemon.console;

import java.util.LinkedHashMap;
import java.util.Map;

import io.warden.wire.ErrorCode;

/**
 * ZooKeeper's error codes as the console answers them: an HTTP status, and a body with the code's
 * name ({@code NOAUTH}), the name ZooKeeper's messages use ({@code NoAuth}) and the message a
 * ZooKeeper client would throw ({@code KeeperErrorCode = NoAuth for /x}).
 */
final class KeeperErrors {
    private KeeperErrors() {
    }

    static int httpStatus(ErrorCode code) {
        return switch (code) {
            case OK -> 200;
            case NOAUTH -> 403;
            case AUTHFAILED -> 401;
            case NONODE -> 404;
            case NODEEXISTS, BADVERSION, NOTEMPTY, QUOTAEXCEEDED -> 409;
            case BADARGUMENTS, INVALIDACL, NOCHILDRENFOREPHEMERALS, MARSHALLINGERROR, UNIMPLEMENTED,
                    EPHEMERALONLOCALSESSION -> 400;
            case CONNECTIONLOSS, SESSIONEXPIRED, SESSIONMOVED, NOTREADONLY, THROTTLEDOP, REQUESTTIMEOUT -> 503;
            case OPERATIONTIMEOUT -> 504;
            default -> 500;
        };
    }

    /** The error body for a code, about a path (null: none). */
    static Map<String, Object> body(ErrorCode code, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code.name());
        body.put("keeperError", code.keeperName());
        body.put("message", "KeeperErrorCode = " + code.keeperName() + (path == null ? "" : " for " + path));
        return body;
    }
}
