package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.Record;
import io.warden.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The body of multi (14) and multiRead (22): each op is a {@link MultiHeader}{@code {type, false, -1}}
 * followed by its request record, and the list ends with {@code {-1, true, -1}}. All ops are writes
 * (create 1/15/19/21, delete 2, setData 5, check 13) or all are reads (getData 4, getChildren 8).
 */
public record MultiRequest(List<Op> ops) implements Record {
    private static final MultiHeader TERMINATOR = new MultiHeader(-1, true, -1);

    /** One sub-op: its opcode and request record, which must match ({@code CreateRequest} for 1, ...). */
    public record Op(int type, Record request) {
        public Op {
            Class<? extends Record> expected = MultiOps.requestClass(type);
            if (expected == null) {
                throw new IllegalArgumentException("op type " + type + " cannot be part of a multi");
            }
            if (!expected.isInstance(request)) {
                throw new IllegalArgumentException("op type " + type + " needs a " + expected.getSimpleName()
                        + ", not " + request);
            }
        }
    }

    public MultiRequest {
        Objects.requireNonNull(ops, "ops");
        ops = List.copyOf(ops);
        boolean reads = ops.stream().anyMatch(op -> MultiOps.isRead(op.type()));
        boolean writes = ops.stream().anyMatch(op -> MultiOps.isWrite(op.type()));
        if (reads && writes) {
            throw new IllegalArgumentException("a multi cannot mix reads and writes: " + ops);
        }
    }

    @Override
    public void writeTo(JuteOutput out) {
        for (Op op : ops) {
            new MultiHeader(op.type(), false, -1).writeTo(out);
            op.request().writeTo(out);
        }
        TERMINATOR.writeTo(out);
    }

    /**
     * Decodes a multi body; {@code readOnly} is true for multiRead (22), false for multi (14). Any
     * sub-op of the other kind, or of a type no multi carries, is a {@link WireFormatException}. Only
     * the terminator's {@code done} flag is looked at; its type and err are ignored, as ZooKeeper does.
     */
    public static MultiRequest read(JuteInput in, boolean readOnly) throws WireFormatException {
        List<Op> ops = new ArrayList<>();
        for (MultiHeader header = MultiHeader.read(in); !header.done(); header = MultiHeader.read(in)) {
            int type = header.type();
            boolean allowed = readOnly ? MultiOps.isRead(type) : MultiOps.isWrite(type);
            if (!allowed) {
                throw new WireFormatException("sub-op type " + type + " is not allowed in "
                        + (readOnly ? "multiRead" : "multi"));
            }
            ops.add(new Op(type, MultiOps.readRequest(type, in)));
        }
        return new MultiRequest(ops);
    }
}
