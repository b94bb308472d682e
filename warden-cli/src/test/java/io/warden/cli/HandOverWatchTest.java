package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.daemon.config.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** The wait after a hand-over request, on simulated time: each member's mode is a function of it. */
class HandOverWatchTest {
    static final Endpoint TARGET = new Endpoint("127.0.0.1", 2181);
    static final Endpoint OLD_LEADER = new Endpoint("127.0.0.1", 2182);
    static final long POLL_MS = 200;
    static final long WAIT_MS = 30_000;
    static final long GIVE_UP_MS = 3_500;

    private long nowMs;
    private final List<String> asked = new ArrayList<>();

    private HandOverWatch.Outcome watch(LongFunction<String> targetMode, LongFunction<String> oldLeaderMode)
            throws InterruptedException {
        HandOverWatch watch = new HandOverWatch(endpoint -> {
            asked.add(endpoint == TARGET ? "target@" + nowMs : "old@" + nowMs);
            return endpoint == TARGET ? targetMode.apply(nowMs) : oldLeaderMode.apply(nowMs);
        }, () -> TimeUnit.MILLISECONDS.toNanos(nowMs), ms -> nowMs += ms, POLL_MS);
        return watch.await(TARGET, OLD_LEADER, WAIT_MS, GIVE_UP_MS);
    }

    @Test
    void theTargetLeadingEndsTheWait() throws InterruptedException {
        HandOverWatch.Outcome outcome = watch(t -> t >= 1_000 ? "leader" : null, t -> t < 400 ? "leader" : "follower");

        assertThat(outcome).isEqualTo(HandOverWatch.Outcome.TARGET_LEADS);
        assertThat(nowMs).isEqualTo(1_000);
        assertThat(asked).as("the old leader is not asked before the give-up time").allMatch(a -> a.startsWith("target@"));
    }

    @Test
    void anOldLeaderStillLeadingOnceTheHandOverMustHaveBeenGivenUpEndsTheWait() throws InterruptedException {
        HandOverWatch.Outcome outcome = watch(t -> "follower", t -> "leader");

        assertThat(outcome).isEqualTo(HandOverWatch.Outcome.GIVEN_UP);
        assertThat(nowMs).isGreaterThanOrEqualTo(GIVE_UP_MS).isLessThan(GIVE_UP_MS + POLL_MS);
    }

    @Test
    void anElectionStillGoingOnAtTheGiveUpTimeIsWaitedFor() throws InterruptedException {
        HandOverWatch.Outcome outcome = watch(t -> t >= 5_000 ? "leader" : null, t -> null);

        assertThat(outcome).isEqualTo(HandOverWatch.Outcome.TARGET_LEADS);
        assertThat(nowMs).isEqualTo(5_000);
    }

    @Test
    void withNoLeaderAnywhereTheWaitEndsAfterTheTimeAllowed() throws InterruptedException {
        HandOverWatch.Outcome outcome = watch(t -> "follower", t -> "follower");

        assertThat(outcome).isEqualTo(HandOverWatch.Outcome.WAITED_OUT);
        assertThat(nowMs).isGreaterThanOrEqualTo(WAIT_MS).isLessThan(WAIT_MS + POLL_MS);
    }
}
