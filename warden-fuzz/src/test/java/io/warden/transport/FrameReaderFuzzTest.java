package io.warden.transport;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Any bytes, in any pieces, as what a connection sends before and after its handshake, four-letter
 * words included: the reader never throws, never hands on a frame over its bound, reads a
 * four-letter word only in place of the first frame, and gives back every budget byte once the
 * frames are handled and the connection closed.
 */
class FrameReaderFuzzTest {
    private static final int MAX_FRAME = 256;

    @FuzzTest
    void anyBytesAreFramedOrTheConnectionClosed(FuzzedDataProvider data) {
        ReadBudget budget = new ReadBudget(data.consumeInt(1, 2048));
        FrameReader reader = new FrameReader(new TransportLimits(MAX_FRAME, 1000, 1000, 10, 1 << 20), budget);
        List<Object> received = new ArrayList<>();
        List<FrameReader.Frame> untaken = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast(reader, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                received.add(msg);
                if (msg instanceof FrameReader.Frame frame) {
                    untaken.add(frame);
                }
            }
        });
        channel.pipeline().fireChannelActive();
        if (data.consumeBoolean()) {
            channel.writeInbound(Unpooled.wrappedBuffer(data.pickValue(new String[] {"ruok", "stat", "mntr", "wchp",
                "srvr", "dump", "kill", "envi"}).getBytes()));
        }
        while (data.remainingBytes() > 0 && channel.isOpen()) {
            switch (data.consumeInt(0, 4)) {
                case 0 -> takeAll(reader, untaken);
                case 1 -> reader.pauseForCore(data.consumeBoolean());
                default -> channel.writeInbound(Unpooled.wrappedBuffer(data.consumeBytes(data.consumeInt(1, 300))));
            }
            channel.runPendingTasks();
            channel.checkException();
        }
        int index = 0;
        for (Object o : received) {
            if (o instanceof FrameReader.FourLetterWord && index > 0) {
                throw new AssertionError("a four-letter word after the first frame");
            }
            if (o instanceof FrameReader.Frame frame && frame.payload().length > MAX_FRAME) {
                throw new AssertionError("a frame of " + frame.payload().length + " bytes was handed on");
            }
            index++;
        }
        // The driver handles every frame handed on, also those handed on while the connection closes.
        takeAll(reader, untaken);
        channel.close();
        channel.runPendingTasks();
        takeAll(reader, untaken);
        if (budget.used() != 0) {
            throw new AssertionError(budget.used() + " budget bytes still reserved after the close");
        }
    }

    private static void takeAll(FrameReader reader, List<FrameReader.Frame> untaken) {
        for (FrameReader.Frame frame : untaken) {
            reader.taken(frame.reserved());
        }
        untaken.clear();
    }
}
