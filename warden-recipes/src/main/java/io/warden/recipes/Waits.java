package io.warden.recipes;

import io.warden.client.ConnectionState;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.wire.ErrorCode;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Checks the recipes make before and while they wait. */
public final class Waits {
    private Waits() {
    }

    /**
     * Refuses to wait for {@code pending} on the client's event thread, where what it waits for
     * would queue behind the wait itself. Does nothing when it is already done.
     */
    public static void refuseOnEventThread(WardenClient client, Future<?> pending, String what) {
        if (!pending.isDone() && client.isEventThread()) {
            throw new IllegalStateException(what + " cannot wait on the client's event thread (a watcher, a listener"
                    + " or an async callback): what it waits for would queue behind it; call it from another thread");
        }
    }

    /**
     * Waits up to {@code timeout} for {@code started} (a recipe's first load or creation), refusing
     * to on the client's event thread; false when it takes longer. A failed start is thrown as an
     * IllegalStateException with {@code failure} as its message.
     */
    public static boolean awaitStart(WardenClient client, Future<?> started, Duration timeout, String what,
            String failure) throws InterruptedException {
        refuseOnEventThread(client, started, what);
        try {
            started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(failure, e.getCause());
        }
    }

    /** Fails when the client has ended (closed, or stopped by an authentication failure): waiting is pointless. */
    public static void requireOpen(WardenClient client) {
        ConnectionState state = client.state();
        if (state != null && state.isTerminal()) {
            throw new WardenException(state == ConnectionState.AUTH_FAILED ? ErrorCode.AUTHFAILED
                    : ErrorCode.SESSIONEXPIRED, null, "the client is " + state);
        }
    }

    /**
     * True for the codes after which a waiting recipe looks again (once the connection is back)
     * rather than failing: the server may not have seen the request, or the session it belonged to
     * ended and the recipe starts over in the new one.
     */
    public static boolean isTransient(ErrorCode code) {
        return code == ErrorCode.CONNECTIONLOSS || code == ErrorCode.SESSIONEXPIRED
                || code == ErrorCode.REQUESTTIMEOUT || code == ErrorCode.THROTTLEDOP;
    }
}
