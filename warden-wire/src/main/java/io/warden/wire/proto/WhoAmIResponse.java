package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.List;

/** The reply to whoAmI (107): one entry per identity of the connection. */
public record WhoAmIResponse(List<ClientInfo> clientInfo) implements Record {
    public WhoAmIResponse {
        clientInfo = Lists.copy(clientInfo);
    }

    @Override
    public void writeTo(JuteOutput out) {
        out.writeRecordList(clientInfo);
    }

    public static WhoAmIResponse read(JuteInput in) throws WireFormatException {
        return new WhoAmIResponse(in.readRecordList(ClientInfo::read));
    }
}
