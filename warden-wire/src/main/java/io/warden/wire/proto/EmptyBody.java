package io.warden.wire.proto;

import io.warden.wire.JuteOutput;
import io.warden.wire.Record;

/** The body of a request that has none: ping (11), closeSession (-11) and whoAmI (107). Writes nothing. */
public enum EmptyBody implements Record {
    INSTANCE;

    @Override
    public void writeTo(JuteOutput out) {
        // no fields
    }
}
