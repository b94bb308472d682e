package io.warden.server.replication;

import io.warden.wire.ErrorCode;
import io.warden.zab.ZabOutput.TransferRefusal;

/**
 * The error a transferLeadership request (a Warden extension) gets for each refusal, from
 * ZooKeeper's codes: BADARGUMENTS for a target that can never lead next (this server, no server,
 * an observer), APIERROR from a server that is not the established leader, NEWCONFIGNOQUORUM for
 * a target that is not a synchronised follower now, RECONFIGINPROGRESS while a hand-over is under
 * way.
 */
final class TransferAnswers {
    private TransferAnswers() {
    }

    static ErrorCode of(TransferRefusal refusal) {
        return switch (refusal) {
            case SELF, UNKNOWN_SERVER, OBSERVER -> ErrorCode.BADARGUMENTS;
            case NOT_LEADER -> ErrorCode.APIERROR;
            case NOT_SYNCHRONISED, TIMED_OUT -> ErrorCode.NEWCONFIGNOQUORUM;
            case IN_PROGRESS -> ErrorCode.RECONFIGINPROGRESS;
        };
    }
}
