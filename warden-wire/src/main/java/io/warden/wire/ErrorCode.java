package io.warden.wire;

/** ZooKeeper's {@code KeeperException.Code} values, as they travel in {@code ReplyHeader.err}. */
public enum ErrorCode {
    OK(0),
    SYSTEMERROR(-1),
    RUNTIMEINCONSISTENCY(-2),
    DATAINCONSISTENCY(-3),
    CONNECTIONLOSS(-4),
    MARSHALLINGERROR(-5),
    UNIMPLEMENTED(-6),
    OPERATIONTIMEOUT(-7),
    BADARGUMENTS(-8),
    UNKNOWNSESSION(-12),
    NEWCONFIGNOQUORUM(-13),
    RECONFIGINPROGRESS(-14),
    APIERROR(-100),
    NONODE(-101),
    NOAUTH(-102),
    BADVERSION(-103),
    NOCHILDRENFOREPHEMERALS(-108),
    NODEEXISTS(-110),
    NOTEMPTY(-111),
    SESSIONEXPIRED(-112),
    INVALIDCALLBACK(-113),
    INVALIDACL(-114),
    AUTHFAILED(-115),
    SESSIONMOVED(-118),
    NOTREADONLY(-119),
    EPHEMERALONLOCALSESSION(-120),
    NOWATCHER(-121),
    REQUESTTIMEOUT(-122),
    RECONFIGDISABLED(-123),
    SESSIONCLOSEDREQUIRESASLAUTH(-124),
    QUOTAEXCEEDED(-125),
    THROTTLEDOP(-127);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The name ZooKeeper's {@code KeeperException} messages give the code, as in
     * {@code KeeperErrorCode = NoAuth for /x}; the constant's name for codes without one.
     */
    public String keeperName() {
        return switch (this) {
            case SYSTEMERROR -> "SystemError";
            case RUNTIMEINCONSISTENCY -> "RuntimeInconsistency";
            case DATAINCONSISTENCY -> "DataInconsistency";
            case NEWCONFIGNOQUORUM -> "NewConfigNoQuorum";
            case RECONFIGINPROGRESS -> "ReconfigInProgress";
            case APIERROR -> "APIError";
            case INVALIDCALLBACK -> "Invalid callback";
            case EPHEMERALONLOCALSESSION -> "Ephemeral node on local session";
            case UNKNOWNSESSION -> "Unknown session";
            case SESSIONCLOSEDREQUIRESASLAUTH -> "Session closed because client failed to authenticate";
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
            case NOWATCHER -> "No such watcher";
            case REQUESTTIMEOUT -> "Unknown error REQUESTTIMEOUT"; // ZooKeeper 3.9 names it no better
            case RECONFIGDISABLED -> "Reconfig is disabled";
            case QUOTAEXCEEDED -> "Quota has exceeded";
            case THROTTLEDOP -> "Op throttled due to high load";
            default -> name();
        };
    }

    /** The constant for a wire value, or {@code null} for a value ZooKeeper does not define. */
    public static ErrorCode of(int code) {
        for (ErrorCode value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return null;
    }
}
