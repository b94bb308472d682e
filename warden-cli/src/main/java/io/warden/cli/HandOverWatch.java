package io.warden.cli;

import io.warden.daemon.config.Endpoint;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * After a leader took a hand-over request: asks the target for its role until it leads, and from
 * the time by which the old leader must have given the hand-over up on, the old leader too, which
 * leads on when it did; gives up itself after the wait the operator allowed.
 */
final class HandOverWatch {
    /** How the wait ended. */
    enum Outcome { TARGET_LEADS, GIVEN_UP, WAITED_OUT }

    /** Sleeps between two polls. */
    interface Pause {
        void sleepMs(long ms) throws InterruptedException;
    }

    private final Function<Endpoint, String> modeOf;
    private final LongSupplier nanoClock;
    private final Pause pause;
    private final long pollIntervalMs;

    /**
     * @param modeOf the mode a member's {@code srvr} reports ("leader", "follower", ...), or null
     *     when it does not answer with one
     */
    HandOverWatch(Function<Endpoint, String> modeOf, LongSupplier nanoClock, Pause pause, long pollIntervalMs) {
        this.modeOf = modeOf;
        this.nanoClock = nanoClock;
        this.pause = pause;
        this.pollIntervalMs = pollIntervalMs;
    }

    /**
     * @param waitMs how long the target may take to lead
     * @param giveUpMs by when the old leader has given the hand-over up if it did not happen
     */
    Outcome await(Endpoint target, Endpoint oldLeader, long waitMs, long giveUpMs) throws InterruptedException {
        long startNs = nanoClock.getAsLong();
        long deadlineNs = startNs + TimeUnit.MILLISECONDS.toNanos(waitMs);
        long givenUpNs = startNs + TimeUnit.MILLISECONDS.toNanos(giveUpMs);
        while (true) {
            if ("leader".equals(modeOf.apply(target))) {
                return Outcome.TARGET_LEADS;
            }
            long now = nanoClock.getAsLong();
            if (now - givenUpNs >= 0 && "leader".equals(modeOf.apply(oldLeader))) {
                return Outcome.GIVEN_UP;
            }
            if (now - deadlineNs >= 0) {
                return Outcome.WAITED_OUT;
            }
            pause.sleepMs(pollIntervalMs);
        }
    }
}
