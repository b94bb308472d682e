package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;

/**
 * The body of Warden's transferLeadership ({@link io.warden.wire.OpCode#WARDEN_TRANSFER_LEADERSHIP}),
 * a Warden extension: the id ({@code myid}) of the voter that should lead next.
 */
public record TransferLeadershipRequest(long serverId) implements Record {
    @Override
    public void writeTo(JuteOutput out) {
        out.writeLong(serverId);
    }

    public static TransferLeadershipRequest read(JuteInput in) throws WireFormatException {
        return new TransferLeadershipRequest(in.readLong());
    }
}
