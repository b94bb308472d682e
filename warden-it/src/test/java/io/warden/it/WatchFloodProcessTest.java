package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection that registers watches without end, one read at a time and in one setWatches:
 * past {@code warden.watchesPerConnectionMax} each further watch is refused with THROTTLEDOP, and
 * the watch listings and other clients keep working.
 */
class WatchFloodProcessTest {
    private static final int WATCHES_MAX = 1000;

    @TempDir
    Path dir;

    @Test
    void watchesPastTheBoundAreThrottled() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, List.of("warden.watchesPerConnectionMax=" + WATCHES_MAX),
                List.of()); RawConnection raw = RawConnection.open(server)) {
            raw.handshake(30_000);
            int throttled = 0;
            for (int i = 0; i < WATCHES_MAX + 200; i++) {
                RawConnection.Outcome outcome = raw.call(i + 1, RawScenarios.OP_EXISTS,
                        RawScenarios.pathWatch("/w" + i, true));
                KeeperException.Code code = KeeperException.Code.get(((RawConnection.Frame) outcome).header().err());
                if (i < WATCHES_MAX) {
                    assertThat(code).as("watch %d", i).isEqualTo(KeeperException.Code.NONODE);
                } else {
                    assertThat(code).as("watch %d", i).isEqualTo(KeeperException.Code.THROTTLEDOP);
                    throttled++;
                }
            }
            assertThat(throttled).isEqualTo(200);
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                paths.add("/s" + i);
            }
            try (RawConnection other = RawConnection.open(server)) {
                other.handshake(30_000);
                JuteBytes setWatches = JuteBytes.create().i64(0).i32(paths.size());
                paths.forEach(setWatches::ustring);
                setWatches.i32(0).i32(0);
                RawConnection.Outcome outcome = other.call(-8, 101, setWatches.bytes());
                assertThat(KeeperException.Code.get(((RawConnection.Frame) outcome).header().err()))
                        .isEqualTo(KeeperException.Code.THROTTLEDOP);
            }
            assertThat(server.fourLetterWord("wchs")).contains("Total watches:" + WATCHES_MAX);
            assertThat(server.fourLetterWord("wchc")).contains("/w0");
        }
    }
}
