package io.warden.cli.bench;

import io.warden.wire.ErrorCode;
import io.warden.wire.JuteInput;

/**
 * The answer to one request, with the times it was sent and received ({@link System#nanoTime()}).
 * A request lost with its connection gets a reply with {@link ErrorCode#CONNECTIONLOSS}, made by
 * the client, whose receive time is when the loss was noticed. The body is decoded only on demand.
 */
record Reply(int xid, int opCode, long zxid, int err, byte[] payload, int bodyOffset, long sentNanos,
        long receivedNanos) {

    static Reply connectionLoss(int xid, int opCode, long sentNanos, long nowNanos) {
        return new Reply(xid, opCode, -1, ErrorCode.CONNECTIONLOSS.code(), new byte[0], 0, sentNanos, nowNanos);
    }

    boolean ok() {
        return err == ErrorCode.OK.code();
    }

    long latencyNanos() {
        return receivedNanos - sentNanos;
    }

    /** The response record's bytes; empty for error replies and void ops. */
    JuteInput body() {
        return new JuteInput(payload, bodyOffset, payload.length - bodyOffset);
    }
}
