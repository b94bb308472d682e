package io.warden.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.warden.server.InboundDecoder;
import io.warden.server.ServerInput;
import io.warden.wire.Frames;
import io.warden.wire.JuteSize;

/**
 * Any bytes as a connection's first frame (a handshake) and as a later frame (a request header and
 * body of any op code): decoding either gives an input or refuses, and never throws. A body that
 * decodes measures and encodes again without error.
 */
class RequestFramesFuzzTest {

    @FuzzTest
    void everyFrameDecodesOrIsRefused(byte[] frame) {
        ServerInput handshake = InboundDecoder.decodeHandshake(1, frame);
        if (handshake != null && !(handshake instanceof ServerInput.ConnectReceived)) {
            throw new AssertionError("a handshake decoded as " + handshake);
        }
        ServerInput request = InboundDecoder.decodeRequest(1, frame);
        if (request instanceof ServerInput.RequestReceived received) {
            long size = Frames.requestSize(received.header(), received.body());
            byte[] encoded = Frames.request(received.header(), received.body());
            if (size != encoded.length) {
                throw new AssertionError("measured " + size + " bytes, encoded " + encoded.length + ": " + received);
            }
            JuteSize.of(received.body());
        } else if (request != null && !(request instanceof ServerInput.BadRequest)) {
            throw new AssertionError("a request decoded as " + request);
        }
    }
}
