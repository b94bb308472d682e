package io.warden.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.zab.PeerMessage;
import io.warden.zab.SnapshotImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceTest {

    @Test
    void keepsTheLastLinesOldestFirstAndEchoes() {
        List<String> echoed = new ArrayList<>();
        Trace trace = new Trace(3, true, echoed::add);
        for (int i = 1; i <= 5; i++) {
            trace.add(i * 10, i, i % 2, "event", i);
        }

        assertThat(trace.last(10)).containsExactly("t=30ms #3 s1 event 3", "t=40ms #4 -- event 4",
                "t=50ms #5 s1 event 5");
        assertThat(trace.last(1)).containsExactly("t=50ms #5 s1 event 5");
        assertThat(trace.all()).hasSize(5).isEqualTo(echoed);
    }

    @Test
    void formatsSnapshotsWithoutArrayIdentities() {
        String text = TraceFormat.describe(new PeerMessage.Snap(1, 2, 3, SnapshotImage.of(new byte[17])));

        assertThat(text).isEqualTo("Snap[link=1, seq=2, zxid=0x3, 17 bytes]");
    }
}
