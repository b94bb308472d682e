package io.warden.testkit.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The recorder with a fake clock, alone and under many threads. */
class HistoryRecorderTest {
    private final AtomicLong clock = new AtomicLong();
    private final HistoryRecorder<String, String> recorder = new HistoryRecorder<>(() -> clock.addAndGet(10));

    @Test
    void recordsInvocationsAndCompletionsWithTheClock() {
        long first = recorder.invoke(7, "write(1)");
        long second = recorder.invoke(8, "cas(0, 2)");
        long third = recorder.invoke(9, "read()");
        recorder.ok(first, "ok");
        recorder.fail(second, "failed");
        recorder.unknown(third);

        assertThat(List.of(first, second, third)).containsExactly(0L, 1L, 2L);
        assertThat(recorder.history()).containsExactly(
                Operation.completed(0, 7, "write(1)", 10, "ok", 40),
                Operation.completed(1, 8, "cas(0, 2)", 20, "failed", 50),
                Operation.unknown(2, 9, "read()", 30));
    }

    @Test
    void anOperationStillRunningIsInTheHistoryWithAnUnknownOutcome() {
        long running = recorder.invoke(1, "write(1)");

        assertThat(recorder.history()).containsExactly(Operation.unknown(running, 1, "write(1)", 10));
        recorder.ok(running, "ok");
        assertThat(recorder.history().get(0).isUnknown()).isFalse();
    }

    @Test
    void refusesToFinishAnOperationTwiceOrOneNeverInvoked() {
        long id = recorder.invoke(1, "read()");
        recorder.unknown(id);

        assertThatThrownBy(() -> recorder.ok(id, "0")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("operation 0 already finished");
        assertThatThrownBy(() -> recorder.unknown(5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(recorder.history()).containsExactly(Operation.unknown(0, 1, "read()", 10));
    }

    @Test
    void recordsFromManyThreadsWithoutLosingOrMixingOperations() throws Exception {
        int threads = 8;
        int operationsPerThread = 500;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                long clientId = thread;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int index = 0; index < operationsPerThread; index++) {
                        long id = recorder.invoke(clientId, clientId + ":" + index);
                        if (index % 3 == 0) {
                            recorder.unknown(id);
                        } else {
                            recorder.ok(id, clientId + ":" + index + ":out");
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> thread : done) {
                thread.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Operation<String, String>> history = recorder.history();
        assertThat(history).hasSize(threads * operationsPerThread);
        Set<Long> times = new HashSet<>();
        for (int index = 0; index < history.size(); index++) {
            Operation<String, String> operation = history.get(index);
            assertThat(operation.id()).isEqualTo(index);
            assertThat(operation.input()).startsWith(operation.clientId() + ":");
            if (!operation.isUnknown()) {
                assertThat(operation.output()).isEqualTo(operation.input() + ":out");
                assertThat(operation.completionTimeNanos()).isGreaterThan(operation.invocationTimeNanos());
                assertThat(times.add(operation.completionTimeNanos())).isTrue();
            }
            assertThat(times.add(operation.invocationTimeNanos())).isTrue();
        }
        assertThat(history.stream().filter(Operation::isUnknown).count()).isEqualTo(threads * 167L);
    }
}
