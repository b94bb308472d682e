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

    /** The name ZooKeeper's KeeperException messages give a code. */
    static String keeperName(ErrorCode code) {
        return switch (code) {
            case SYSTEMERROR -> "SystemError";
            case CONNECTIONLOSS -> "ConnectionLoss";
            case MARSHALLINGERROR -> "MarshallingError";
            case UNIMPLEMENTED -> "Unimplemented";
            case OPERATIONTIMEOUT -> "OperationTimeout";
            case BADARGUMENTS -> "BadArguments";
            case NONODE -> "NoNode";
            case NOAUTH -> "NoAuth";
            case BADVERSION -> "BadVersion";
            case NOCHILDRENFOREPHEMERALS -> "NoChildrenForEphemerals";
            case NODEEXISTS -> "NodeExists";
            case NOTEMPTY -> "Directory not empty";
            case SESSIONEXPIRED -> "Session expired";
            case INVALIDACL -> "InvalidACL";
            case AUTHFAILED -> "AuthFailed";
            case SESSIONMOVED -> "Session moved";
            case NOTREADONLY -> "Not a read-only call";
            case QUOTAEXCEEDED -> "Quota has exceeded";
            case THROTTLEDOP -> "Op throttled due to high load";
            default -> code.name();
        };
    }

    /** The error body for a code, about a path (null: none). */
    static Map<String, Object> body(ErrorCode code, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code.name());
        body.put("keeperError", keeperName(code));
        body.put("message", "KeeperErrorCode = " + keeperName(code) + (path == null ? "" : " for " + path));
        return body;
    }
}
