package io.warden.transport;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.warden.server.ServerInput;

/**
 * Counts the frames written to one connection's socket and reports them to the driver as
 * {@link ServerInput.Written}. It is its own arrival: it goes on the inbound queue when the count
 * leaves zero, so at most one report per connection waits there, and the driver reads (and
 * resets) the count when it takes the report.
 */
final class WrittenCounter implements ChannelFutureListener, Arrival {
    private final long connId;
    private final InputSink sink;
    private final AtomicInteger frames = new AtomicInteger();

    WrittenCounter(long connId, InputSink sink) {
        this.connId = connId;
        this.sink = sink;
    }

    /** A frame's write finished (written, or failed because the connection went away). */
    @Override
    public void operationComplete(ChannelFuture future) {
        if (frames.getAndIncrement() == 0) {
            sink.accept(this);
        }
    }

    @Override
    public ServerInput input() {
        return new ServerInput.Written(connId, frames.getAndSet(0));
    }

    @Override
    public void handled() {
        // the count was taken with the input
    }
}
