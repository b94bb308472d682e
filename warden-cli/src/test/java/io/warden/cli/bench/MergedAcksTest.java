package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Merging sessions' acknowledgements: the gaps equal those of all the times sorted. */
class MergedAcksTest {
    @Test
    void aTimeIsHeldUntilEverySessionHasPromisedNothingEarlier() {
        AvailabilityScenario.Gaps gaps = new AvailabilityScenario.Gaps(0);
        MergedAcks merged = new MergedAcks(2, gaps);
        merged.noneBefore(0, 5);
        merged.noneBefore(1, 8);
        merged.acknowledged(10); // session 0; session 1 may still acknowledge at 8..10
        assertThat(merged.heldCount()).isEqualTo(1);
        merged.noneBefore(0, 11);
        merged.noneBefore(1, 9);
        merged.acknowledged(9); // session 1, reported after the later time of session 0
        assertThat(gaps.count()).as("9 is final: no session can report anything earlier than 9 now").isEqualTo(1);
        merged.noneBefore(1, 12);
        assertThat(merged.heldCount()).as("10 waits until a session acknowledges or is done").isEqualTo(1);
        merged.done(1);
        assertThat(gaps.count()).isEqualTo(2);
        merged.acknowledged(40);
        merged.done(0);
        merged.finish();
        assertThat(gaps.count()).isEqualTo(3);
        assertThat(gaps.longestNanos()).isEqualTo(30);
        assertThat(gaps.longestStartNanos()).isEqualTo(10);
        assertThat(merged.heldCount()).isZero();
    }

    @Test
    void anyInterleavingGivesTheGapsOfTheSortedTimes() {
        for (long seed = 1; seed <= 200; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            int sessions = 1 + random.nextInt(6);
            long[][] acks = new long[sessions][];
            List<Long> all = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int count = random.nextInt(40);
                acks[s] = new long[count];
                long t = random.nextInt(50);
                for (int i = 0; i < count; i++) {
                    t += 1 + (random.nextInt(10) == 0 ? random.nextInt(500) : random.nextInt(20));
                    acks[s][i] = t;
                    all.add(t);
                }
            }
            AvailabilityScenario.Gaps merged = mergeInRandomOrder(acks, random);
            AvailabilityScenario.Gaps sorted = new AvailabilityScenario.Gaps(0);
            long[] times = all.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(times);
            for (long t : times) {
                sorted.acknowledged(t);
            }
            assertThat(merged.count()).as("seed %d", seed).isEqualTo(sorted.count());
            assertThat(merged.longestNanos()).as("seed %d", seed).isEqualTo(sorted.longestNanos());
            assertThat(merged.longestStartNanos()).as("seed %d", seed).isEqualTo(sorted.longestStartNanos());
            assertThat(merged.listed()).as("seed %d", seed).usingRecursiveComparison().isEqualTo(sorted.listed());
        }
    }

    /**
     * Each session, in turn picked at random, promises a floor just below its next time (anywhere
     * between its previous time and the next), and reports the time later, after other sessions
     * may have reported theirs.
     */
    private static AvailabilityScenario.Gaps mergeInRandomOrder(long[][] acks, SplittableRandom random) {
        AvailabilityScenario.Gaps gaps = new AvailabilityScenario.Gaps(0);
        MergedAcks merged = new MergedAcks(acks.length, gaps);
        int[] next = new int[acks.length];
        boolean[] promised = new boolean[acks.length];
        int left = acks.length;
        boolean[] done = new boolean[acks.length];
        while (left > 0) {
            int s = random.nextInt(acks.length);
            if (done[s]) {
                continue;
            }
            if (next[s] == acks[s].length) {
                merged.done(s);
                done[s] = true;
                left--;
            } else if (!promised[s]) {
                long previous = next[s] == 0 ? 0 : acks[s][next[s] - 1];
                long floor = previous + random.nextLong(acks[s][next[s]] - previous);
                merged.noneBefore(s, floor);
                promised[s] = true;
            } else {
                merged.acknowledged(acks[s][next[s]++]);
                promised[s] = false;
            }
        }
        merged.finish();
        return gaps;
    }
}
