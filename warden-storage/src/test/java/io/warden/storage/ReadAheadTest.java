package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The reading thread hands items over in order, its failure after them, and stops when closed. */
class ReadAheadTest {
    private static final int ITEMS = 5 * ReadAhead.BATCH_ITEMS_MAX + 17;

    @Test
    void itemsArriveInOrderAndTheFailureAfterThemAsThrown() throws Exception {
        CorruptDataException damage = new CorruptDataException("/data/log.1", 42, "damaged");
        List<Integer> taken = new ArrayList<>();
        try (ReadAhead<Integer> readAhead = ReadAhead.start("test-read", output -> {
            for (int i = 0; i < ITEMS; i++) {
                output.add(i, 4);
            }
            throw damage;
        })) {
            assertThatThrownBy(() -> {
                for (Integer item = readAhead.next(); item != null; item = readAhead.next()) {
                    taken.add(item);
                }
            }).isSameAs(damage);
        }
        assertThat(taken).hasSize(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            assertThat(taken.get(i)).isEqualTo(i);
        }
    }

    @Test
    void aReaderThatBreaksReachesTheCaller() {
        IllegalStateException bug = new IllegalStateException("a bug in the reader");
        try (ReadAhead<Integer> readAhead = ReadAhead.start("test-read", output -> {
            throw bug;
        })) {
            assertThatThrownBy(readAhead::next).isSameAs(bug);
        }
    }

    @Test
    void theEndComesAsNullOnceAndStays() throws Exception {
        try (ReadAhead<String> readAhead = ReadAhead.start("test-read", output -> output.add("only", 4))) {
            assertThat(readAhead.next()).isEqualTo("only");
            assertThat(readAhead.next()).isNull();
            assertThat(readAhead.next()).isNull();
        }
    }

    @Test
    void closingStopsAReaderThatWaitsForRoom() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<Throwable> stoppedBy = new AtomicReference<>();
        ReadAhead<Integer> readAhead = ReadAhead.start("test-read", output -> {
            try {
                for (int i = 0; ; i++) {
                    output.add(i, 4); // fills the queue, then waits for room
                }
            } catch (RuntimeException e) {
                stoppedBy.set(e);
                throw e;
            } finally {
                ended.countDown();
            }
        });
        assertThat(readAhead.next()).isEqualTo(0);
        readAhead.close();
        assertThat(ended.await(30, TimeUnit.SECONDS)).as("the reader ended").isTrue();
        assertThat(stoppedBy.get()).isInstanceOf(ReadAhead.Closed.class);
    }
}
