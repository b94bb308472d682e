package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.List;

/** The reply to getEphemerals (103): full paths of the session's ephemerals. */
public record GetEphemeralsResponse(List<String> ephemerals) implements Record {
    public GetEphemeralsResponse {
        ephemerals = Lists.copy(ephemerals);
    }

    @Override
    public void writeTo(JuteOutput out) {
        out.writeStringList(ephemerals);
    }

    public static GetEphemeralsResponse read(JuteInput in) throws WireFormatException {
        return new GetEphemeralsResponse(in.readStringList());
    }
}
