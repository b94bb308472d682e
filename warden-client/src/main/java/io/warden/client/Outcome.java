package io.warden.client;

import io.warden.wire.ErrorCode;
import java.util.Objects;

/**
 * How a call ended: {@code code} OK with the decoded reply {@code value}, or an error code (from
 * the server or the client) with a {@code detail} for the message. {@code zxid} is the reply's, or
 * -1 when the client ended the call itself.
 */
record Outcome(ErrorCode code, Object value, long zxid, String detail) {
    Outcome {
        Objects.requireNonNull(code, "code");
    }

    static Outcome ok(Object value, long zxid) {
        return new Outcome(ErrorCode.OK, value, zxid, null);
    }

    static Outcome failed(ErrorCode code, long zxid) {
        return new Outcome(code, null, zxid, null);
    }

    static Outcome client(ErrorCode code, String detail) {
        return new Outcome(code, null, -1, detail);
    }

    boolean isOk() {
        return code == ErrorCode.OK;
    }
}
