package io.warden.cli.tools;

import java.io.IOException;
import java.nio.file.Path;

import io.warden.storage.CorruptDataException;
import io.warden.storage.TxnLogReader;
import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.wire.WireFormatException;

/** Reading one Warden log segment on its own, every record checked and decoded, nothing repaired. */
final class WardenLogs {
    private WardenLogs() {
    }

    /** Receives each transaction with its record's offset. */
    @FunctionalInterface
    interface TxnConsumer {
        void accept(Txn txn, long offset);
    }

    static TxnLogReader.Summary read(Path file, int recordBytesMax, TxnConsumer consumer)
            throws IOException, CorruptDataException {
        return TxnLogReader.read(SingleFileStore.log(file), -1, recordBytesMax, false, record -> {
            Txn txn;
            try {
                txn = TxnCodec.decode(record.payload());
            } catch (WireFormatException e) {
                throw new CorruptDataException(record.file(), record.offset(), "undecodable transaction: "
                        + e.getMessage());
            }
            if (txn.zxid() != record.zxid()) {
                throw new CorruptDataException(record.file(), record.offset(), "the record says zxid "
                        + Formats.hex(record.zxid()) + ", its transaction " + Formats.hex(txn.zxid()));
            }
            consumer.accept(txn, record.offset());
        });
    }

    /** {@code N records, zxids A to B}, and a note on a torn last record. */
    static String summary(TxnLogReader.Summary summary) {
        String records = summary.records() == 0 ? "no records"
                : Formats.count(summary.records(), "record") + ", zxids " + Formats.hex(summary.firstZxid()) + " to "
                        + Formats.hex(summary.lastZxid());
        return records + (summary.truncatedTornTail()
                ? "; then an incomplete record (a write cut short by a crash), which recovery cuts off" : "");
    }
}
