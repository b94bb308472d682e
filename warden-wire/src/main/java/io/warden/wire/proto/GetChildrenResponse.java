package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.List;

/** The reply to getChildren (8): child names, not full paths, in no particular order. */
public record GetChildrenResponse(List<String> children) implements Record {
    public GetChildrenResponse {
        children = Lists.copy(children);
    }

    @Override
    public void writeTo(JuteOutput out) {
        out.writeStringList(children);
    }

    public static GetChildrenResponse read(JuteInput in) throws WireFormatException {
        return new GetChildrenResponse(in.readStringList());
    }
}
