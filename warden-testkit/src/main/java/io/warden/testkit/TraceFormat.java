package io.warden.testkit;

import io.warden.common.Zxid;
import io.warden.zab.DiskWrite;
import io.warden.zab.Entry;
import io.warden.zab.PeerMessage;
import io.warden.zab.ZabInput;
import io.warden.zab.ZabOutput;
import java.util.ArrayList;
import java.util.List;

/** Short, deterministic text for what the trace records (no identity hash codes of byte arrays). */
final class TraceFormat {
    private TraceFormat() {
    }

    static String describe(Object detail) {
        if (detail instanceof PeerMessage message) {
            return message(message);
        }
        if (detail instanceof ZabOutput output) {
            return output(output);
        }
        if (detail instanceof ZabInput.Propose propose) {
            return "Propose" + writes(propose.payloads());
        }
        if (detail instanceof Entry entry) {
            return Checker.describe(entry);
        }
        return String.valueOf(detail);
    }

    private static String message(PeerMessage message) {
        if (message instanceof PeerMessage.Snap snap) {
            return "Snap[link=" + snap.link() + ", seq=" + snap.seq() + ", zxid=" + Zxid.toHex(snap.zxid()) + ", "
                    + snap.state().sizeBytes() + " bytes]";
        }
        if (message instanceof PeerMessage.Proposals proposals) {
            List<Entry> entries = proposals.entries();
            String range = entries.isEmpty() ? "none" : Checker.describe(entries.get(0))
                    + (entries.size() > 1 ? ".." + Checker.describe(entries.get(entries.size() - 1)) : "");
            return "Proposals[link=" + proposals.link() + ", seq=" + proposals.seq() + ", " + entries.size() + ": "
                    + range + "]";
        }
        if (message instanceof PeerMessage.Vote vote) {
            return "Vote[round=" + vote.round() + ", " + vote.state() + ", leader=" + vote.leader() + ", epoch="
                    + vote.epoch() + ", zxid=" + Zxid.toHex(vote.zxid()) + "]";
        }
        if (message instanceof PeerMessage.Commit commit) {
            return "Commit[link=" + commit.link() + ", seq=" + commit.seq() + ", zxid=" + Zxid.toHex(commit.zxid()) + "]";
        }
        if (message instanceof PeerMessage.Ack ack) {
            return "Ack[link=" + ack.link() + ", seq=" + ack.seq() + ", zxid=" + Zxid.toHex(ack.zxid()) + "]";
        }
        if (message instanceof PeerMessage.Trunc trunc) {
            return "Trunc[link=" + trunc.link() + ", seq=" + trunc.seq() + ", zxid=" + Zxid.toHex(trunc.zxid()) + "]";
        }
        if (message instanceof PeerMessage.NewLeader newLeader) {
            return "NewLeader[link=" + newLeader.link() + ", seq=" + newLeader.seq() + ", epoch=" + newLeader.epoch()
                    + ", zxid=" + Zxid.toHex(newLeader.zxid()) + "]";
        }
        if (message instanceof PeerMessage.AckNewLeader ack) {
            return "AckNewLeader[link=" + ack.link() + ", seq=" + ack.seq() + ", zxid=" + Zxid.toHex(ack.zxid()) + "]";
        }
        if (message instanceof PeerMessage.AckEpoch ack) {
            return "AckEpoch[link=" + ack.link() + ", seq=" + ack.seq() + ", epoch=" + ack.epoch() + ", currentEpoch=" + ack.currentEpoch()
                    + ", lastZxid=" + Zxid.toHex(ack.lastZxid()) + "]";
        }
        return message.toString();
    }

    private static String output(ZabOutput output) {
        if (output instanceof ZabOutput.Deliver deliver) {
            return "Deliver " + Checker.describe(deliver.entry());
        }
        if (output instanceof ZabOutput.Restore restore) {
            return "Restore[zxid=" + Zxid.toHex(restore.zxid()) + ", " + restore.state().sizeBytes() + " bytes]";
        }
        if (output instanceof ZabOutput.Rejected rejected) {
            return "Rejected[" + rejected.reason() + ", " + writes(rejected.payloads()) + "]";
        }
        if (output instanceof ZabOutput.Persist persist) {
            return "Persist[" + persist.writeId() + ", " + write(persist.write()) + "]";
        }
        if (output instanceof ZabOutput.Established established) {
            return "Established[epoch=" + established.epoch() + ", zxid=" + Zxid.toHex(established.zxid()) + "]";
        }
        return output.toString();
    }

    private static String write(DiskWrite write) {
        if (write instanceof DiskWrite.Append append) {
            return "Append " + Checker.describe(append.entry());
        }
        if (write instanceof DiskWrite.TruncateAfter truncate) {
            return "TruncateAfter " + Zxid.toHex(truncate.zxid());
        }
        if (write instanceof DiskWrite.InstallSnapshot install) {
            return "InstallSnapshot " + Zxid.toHex(install.zxid()) + ", " + install.state().sizeBytes() + " bytes";
        }
        return write.toString();
    }

    private static String writes(List<byte[]> payloads) {
        List<Long> ids = new ArrayList<>(payloads.size());
        for (byte[] payload : payloads) {
            ids.add(Payloads.writeId(payload));
        }
        return ids.toString();
    }
}
