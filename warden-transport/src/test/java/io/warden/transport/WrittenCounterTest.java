package io.warden.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.warden.server.ServerInput;

/** Written frames reach the driver as counts, with at most one report per connection waiting. */
class WrittenCounterTest {

    @Test
    void writesAreReportedOnceAndCountedUntilTheDriverTakesTheReport() {
        List<Arrival> queue = new ArrayList<>();
        WrittenCounter counter = new WrittenCounter(7, queue::add);
        EmbeddedChannel channel = new EmbeddedChannel();
        for (int i = 0; i < 3; i++) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1})).addListener(counter);
        }
        assertThat(queue).hasSize(1);
        assertThat(queue.get(0).input()).isEqualTo(new ServerInput.Written(7, 3));
        channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {2})).addListener(counter);
        assertThat(queue).hasSize(2);
        assertThat(queue.get(1).input()).isEqualTo(new ServerInput.Written(7, 1));
    }
}
