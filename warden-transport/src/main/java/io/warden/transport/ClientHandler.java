package io.warden.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.warden.server.InboundDecoder;
import io.warden.server.ServerInput;

/** Hands one connection's frames, decoded, to the driver; closes on what cannot be decoded. */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);

    private final long connId;
    private final InputSink sink;
    private final ClientPort port;
    private final FrameReader reader;
    private final WrittenCounter written;
    private boolean handshakeSeen;

    ClientHandler(long connId, InputSink sink, ClientPort port, FrameReader reader) {
        this.connId = connId;
        this.sink = sink;
        this.port = port;
        this.reader = reader;
        this.written = new WrittenCounter(connId, sink);
    }

    /** A decoded frame; once the driver handled it, its connection may be read further. */
    private record FrameArrival(ServerInput input, FrameReader reader, long reserved) implements Arrival {
        @Override
        public void handled() {
            reader.taken(reserved);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        port.register(connId, ctx.channel(), reader, written);
        SocketAddress remote = ctx.channel().remoteAddress();
        String address = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
        sink.accept(Arrival.of(new ServerInput.ConnectionOpened(connId, address, String.valueOf(remote))));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof FrameReader.FourLetterWord word) {
            sink.accept(Arrival.of(new ServerInput.FourLetterWord(connId, word.command())));
            return;
        }
        FrameReader.Frame frame = (FrameReader.Frame) message;
        ServerInput input;
        if (!handshakeSeen) {
            handshakeSeen = true;
            input = InboundDecoder.decodeHandshake(connId, frame.payload());
        } else {
            input = InboundDecoder.decodeRequest(connId, frame.payload());
        }
        if (input == null) {
            reader.taken(frame.reserved());
            ctx.close();
            return;
        }
        sink.accept(new FrameArrival(input, reader, frame.reserved()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        port.unregister(connId);
        sink.accept(Arrival.of(new ServerInput.ConnectionClosed(connId)));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("closing connection {} after an I/O error", connId, cause);
        } else {
            LOG.warn("closing connection {} after an unexpected error", connId, cause);
        }
        ctx.close();
    }
}
