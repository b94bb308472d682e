package io.warden.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    @Test
    void sameSeedSameTrace() {
        for (long seed : new long[] {3, 17}) {
            List<String> first = TraceDigest.trace(seed);
            List<String> second = TraceDigest.trace(seed);

            assertThat(first.size()).isGreaterThan(100);
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void differentSeedsDifferentTraces() {
        assertThat(TraceDigest.trace(4)).isNotEqualTo(TraceDigest.trace(5));
    }

    /**
     * A replay runs in another JVM, where {@code Set.of} iterates in another order and identity
     * hash codes differ: the trace must not change.
     */
    @Test
    void aFreshJvmReplaysTheSameTrace() throws IOException, InterruptedException {
        long[] seeds = {3, 86, 774};
        List<String> here = new ArrayList<>();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TraceDigest.class.getName()));
        for (long seed : seeds) {
            here.add(TraceDigest.digest(TraceDigest.trace(seed)));
            command.add(Long.toString(seed));
        }

        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output.lines().toList()).isEqualTo(here);
    }
}
