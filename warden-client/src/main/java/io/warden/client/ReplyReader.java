package io.warden.client;

import io.warden.wire.JuteInput;
import io.warden.wire.WireFormatException;

/** Reads the body of a successful reply into the value its operation returns. */
@FunctionalInterface
interface ReplyReader {
    ReplyReader NONE = in -> null;

    Object read(JuteInput in) throws WireFormatException;
}
