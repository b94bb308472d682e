package io.warden.server;

import io.warden.wire.ErrorCode;
import io.warden.wire.JuteInput;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.RequestHeader;
import io.warden.wire.Requests;
import io.warden.wire.WireFormatException;
import io.warden.wire.proto.ConnectRequest;

/**
 * Turns one client frame into the core's input. The transport calls it on its own threads; it
 * holds no state, so the protocol's decisions stay out of the transport.
 */
public final class InboundDecoder {
    private InboundDecoder() {
    }

    /**
     * The four-letter word that a connection's first four bytes spell, or {@code null} when they
     * are an ordinary frame length.
     */
    public static String fourLetterWord(int firstInt) {
        return FourLetterWords.commandFor(firstInt);
    }

    /** The first frame of a connection; {@code null} when it is not a handshake (close then). */
    public static ServerInput decodeHandshake(long connId, byte[] frame) {
        try {
            return new ServerInput.ConnectReceived(connId, ConnectRequest.read(new JuteInput(frame)));
        } catch (WireFormatException e) {
            return null;
        }
    }

    /**
     * A frame after the handshake. {@code null} when not even the header decodes (close then); a
     * {@link ServerInput.BadRequest} for an op code clients may not send or a body that does not
     * decode. A Warden extension whose body does not decode is {@code null} too: no ZooKeeper
     * client sends one, so there is no reply to be compatible with.
     */
    public static ServerInput decodeRequest(long connId, byte[] frame) {
        JuteInput in = new JuteInput(frame);
        RequestHeader header;
        try {
            header = RequestHeader.read(in);
        } catch (WireFormatException e) {
            return null;
        }
        if (!Requests.isClientOpCode(header.type())) {
            return new ServerInput.BadRequest(connId, header, ErrorCode.UNIMPLEMENTED);
        }
        try {
            Record body = Requests.readBody(header.type(), in);
            return new ServerInput.RequestReceived(connId, header, body);
        } catch (WireFormatException e) {
            if (header.type() == OpCode.WARDEN_TRANSFER_LEADERSHIP) {
                return null;
            }
            return new ServerInput.BadRequest(connId, header, ErrorCode.MARSHALLINGERROR);
        }
    }
}
