package io.warden.transport;

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
    private boolean handshakeSeen;

    ClientHandler(long connId, InputSink sink, ClientPort port) {
        this.connId = connId;
        this.sink = sink;
        this.port = port;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        port.register(connId, ctx.channel());
        SocketAddress remote = ctx.channel().remoteAddress();
        String address = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
        sink.accept(new ServerInput.ConnectionOpened(connId, address, String.valueOf(remote)));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        ServerInput input;
        if (message instanceof FrameDecoder.FourLetterWord word) {
            input = new ServerInput.FourLetterWord(connId, word.command());
        } else if (!handshakeSeen) {
            handshakeSeen = true;
            input = InboundDecoder.decodeHandshake(connId, (byte[]) message);
        } else {
            input = InboundDecoder.decodeRequest(connId, (byte[]) message);
        }
        if (input == null) {
            ctx.close();
            return;
        }
        sink.accept(input);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        port.unregister(connId);
        sink.accept(new ServerInput.ConnectionClosed(connId));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing connection {} after an error", connId, cause);
        ctx.close();
    }
}
