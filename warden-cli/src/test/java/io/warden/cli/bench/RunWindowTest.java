package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class RunWindowTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static BenchSettings settings(int duration, long operations, int warmup) {
        return new BenchSettings(List.of(new ServerAddress("127.0.0.1", 2181)), Scenario.WRITE, 1, 1, duration,
                operations, 10, 1, warmup, 60, "", false);
    }

    @Test
    void aTimedRunMeasuresWhatIsSentBetweenWarmupAndEnd() {
        RunWindow window = RunWindow.start(settings(10, 0, 2), 1_000);

        assertThat(window.timed()).isTrue();
        assertThat(window.measured(1_000)).isFalse();
        assertThat(window.measured(1_000 + 2 * SECOND)).isTrue();
        assertThat(window.measured(1_000 + 12 * SECOND - 1)).isTrue();
        assertThat(window.measured(1_000 + 12 * SECOND)).isFalse();
        assertThat(window.trySend(1_000 + 12 * SECOND - 1)).isTrue();
        assertThat(window.trySend(1_000 + 12 * SECOND)).isFalse();
        assertThat(window.timedSeconds()).isEqualTo(10.0);
    }

    @Test
    void aCountedRunSendsExactlyItsBudgetAfterTheWarmup() {
        RunWindow window = RunWindow.start(settings(0, 3, 1), 0);

        assertThat(window.timed()).isFalse();
        for (int i = 0; i < 100; i++) {
            assertThat(window.trySend(SECOND / 2)).as("warm-up sends are free").isTrue();
        }
        assertThat(window.trySend(SECOND)).isTrue();
        assertThat(window.trySend(SECOND)).isTrue();
        assertThat(window.trySend(SECOND)).isTrue();
        assertThat(window.trySend(SECOND)).isFalse();
        assertThat(window.trySend(SECOND)).isFalse();
    }

    @Test
    void aCountedRunStopsAtItsTimeLimit() {
        RunWindow window = RunWindow.start(settings(0, 1_000, 0), 0);

        assertThat(window.deadlineNanos()).isEqualTo(60 * SECOND);
        assertThat(window.trySend(60 * SECOND)).isFalse();
    }
}
