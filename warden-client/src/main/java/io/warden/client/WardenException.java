package io.warden.client;

import io.warden.wire.ErrorCode;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * An operation failed with a ZooKeeper error code: from the server (NONODE, BADVERSION, ...) or
 * from the client (CONNECTIONLOSS, SESSIONEXPIRED, ...). Futures of the asynchronous API complete
 * exceptionally with it; the blocking API throws it.
 */
public class WardenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String path;
    private final String detail;
    private final transient List<OpResult> results;

    public WardenException(ErrorCode code, String path, String detail) {
        this(code, path, detail, List.of());
    }

    public WardenException(ErrorCode code, String path, String detail, List<OpResult> results) {
        this(code, path, detail, results, null);
    }

    private WardenException(ErrorCode code, String path, String detail, List<OpResult> results, Throwable cause) {
        super(describe(code, path, detail), cause);
        this.code = code;
        this.path = path;
        this.detail = detail;
        this.results = List.copyOf(results);
    }

    /** The same failure with the stack of the thread that waited for it; this one becomes its cause. */
    WardenException forCaller() {
        return new WardenException(code, path, detail, results, this);
    }

    /** The error code; never {@link ErrorCode#OK}. */
    public ErrorCode code() {
        return code;
    }

    /** The path of the operation that failed, or {@code null} when it had none. */
    public String path() {
        return path;
    }

    /** For a failed multi, the result of every op (see {@link OpResult.ErrorResult}); otherwise empty. */
    public List<OpResult> results() {
        return results;
    }

    /** The WardenException inside {@code failure} (unwrapping CompletionException and ExecutionException), or null. */
    public static WardenException unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current instanceof WardenException warden ? warden : null;
    }

    /** True when {@code failure} is (or wraps) a WardenException with this code. */
    public static boolean hasCode(Throwable failure, ErrorCode code) {
        WardenException warden = unwrap(failure);
        return warden != null && warden.code == code;
    }

    private static String describe(ErrorCode code, String path, String detail) {
        StringBuilder text = new StringBuilder().append(code).append(" (").append(code.code()).append(')');
        if (path != null) {
            text.append(" for ").append(path);
        }
        if (detail != null && !detail.isEmpty()) {
            text.append(": ").append(detail);
        }
        return text.toString();
    }
}
