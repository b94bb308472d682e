package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The body of deleteContainer (20). On the wire the path is a jute buffer of UTF-8 bytes, which is
 * byte for byte a ustring; a null buffer is rejected, as ZooKeeper cannot decode it either.
 */
public record DeleteContainerRequest(String path) implements Record {
    public DeleteContainerRequest {
        Objects.requireNonNull(path, "path");
    }

    @Override
    public void writeTo(JuteOutput out) {
        out.writeBuffer(path.getBytes(StandardCharsets.UTF_8));
    }

    public static DeleteContainerRequest read(JuteInput in) throws WireFormatException {
        byte[] path = in.readBuffer();
        if (path == null) {
            throw new WireFormatException("deleteContainer with a null path");
        }
        return new DeleteContainerRequest(new String(path, StandardCharsets.UTF_8));
    }
}
