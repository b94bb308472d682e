package io.warden.cli.tools;

import java.util.List;

import io.warden.tree.Txn;
import io.warden.tree.TxnOp;
import io.warden.wire.Id;
import io.warden.wire.OpCode;

/** One line for one transaction of Warden's log. */
final class TxnText {
    private static final String[] MODES = {"persistent", "ephemeral", "persistent sequential",
        "ephemeral sequential", "container", "persistent with ttl", "persistent sequential with ttl"};

    private TxnText() {
    }

    /** {@code <zxid> <time> session <id> cxid <n> <operation> [as <identities>] offset <n>}. */
    static String line(Txn txn, long offset) {
        StringBuilder line = new StringBuilder();
        line.append(Formats.hex(txn.zxid())).append("  ").append(Formats.time(txn.timeMs()))
                .append("  session ").append(Formats.hex(txn.sessionId()))
                .append("  cxid ").append(txn.cxid())
                .append("  ").append(op(txn.op()));
        if (!txn.identities().isEmpty()) {
            line.append("  as ").append(identities(txn.identities()));
        }
        return line.append("  offset ").append(offset).toString();
    }

    static String op(TxnOp op) {
        if (op instanceof TxnOp.Create c) {
            String ttl = c.ttl() >= 0 ? " ttl=" + c.ttl() + "ms" : "";
            return createName(c.opCode()) + " " + c.path() + " flags=" + c.flags() + mode(c.flags()) + ttl
                    + " data=" + Formats.data(c.data()) + " acl=[" + Formats.acl(c.acl()) + "]";
        } else if (op instanceof TxnOp.Delete d) {
            return (d.container() ? "deleteContainer " : "delete ") + d.path() + " version=" + d.version();
        } else if (op instanceof TxnOp.SetData s) {
            return "setData " + s.path() + " version=" + s.version() + " data=" + Formats.data(s.data());
        } else if (op instanceof TxnOp.SetAcl s) {
            return "setACL " + s.path() + " version=" + s.version() + " acl=[" + Formats.acl(s.acl()) + "]";
        } else if (op instanceof TxnOp.Check c) {
            return "check " + c.path() + " version=" + c.version();
        } else if (op instanceof TxnOp.Multi m) {
            StringBuilder text = new StringBuilder("multi [");
            for (int i = 0; i < m.ops().size(); i++) {
                text.append(i == 0 ? "" : "; ").append(op(m.ops().get(i)));
            }
            return text.append(']').toString();
        } else if (op instanceof TxnOp.CreateSession s) {
            return "createSession " + Formats.hex(s.sessionId()) + " timeout=" + s.timeoutMs() + "ms";
        } else if (op instanceof TxnOp.CloseSession s) {
            return "closeSession " + Formats.hex(s.sessionId());
        } else if (op instanceof TxnOp.Error e) {
            return "error " + e.code() + " (" + e.code().code() + ")";
        }
        return String.valueOf(op);
    }

    private static String createName(int opCode) {
        switch (opCode) {
            case OpCode.CREATE:
                return "create";
            case OpCode.CREATE2:
                return "create2";
            case OpCode.CREATE_CONTAINER:
                return "createContainer";
            case OpCode.CREATE_TTL:
                return "createTTL";
            default:
                return "create(op " + opCode + ")";
        }
    }

    private static String mode(int flags) {
        return flags >= 0 && flags < MODES.length ? " (" + MODES[flags] + ")" : "";
    }

    private static String identities(List<Id> identities) {
        StringBuilder text = new StringBuilder();
        for (Id id : identities) {
            text.append(text.length() == 0 ? "" : ", ").append(id.scheme()).append(':').append(id.id());
        }
        return text.toString();
    }
}
