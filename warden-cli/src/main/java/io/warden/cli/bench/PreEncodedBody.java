package io.warden.cli.bench;

import io.warden.wire.JuteOutput;
import io.warden.wire.Record;

/**
 * A request body encoded once and sent many times, so that the bench spends its CPU on the server
 * it measures rather than on encoding the same record again.
 */
final class PreEncodedBody implements Record {
    private final byte[] bytes;

    PreEncodedBody(Record record) {
        this.bytes = record.toBytes();
    }

    @Override
    public void writeTo(JuteOutput out) {
        out.writeRaw(bytes, 0, bytes.length);
    }

    int size() {
        return bytes.length;
    }
}
