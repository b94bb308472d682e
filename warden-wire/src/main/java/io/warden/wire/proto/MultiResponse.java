package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.Stat;
import io.warden.wire.WireFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The reply body of multi (14) and multiRead (22): per result a {@link MultiHeader}{@code {type, false,
 * err}} and the result's record, then the terminator {@code {-1, true, -1}}. {@code err} is 0 except
 * for an {@link ErrorResult}, which carries its code in both the header and the body.
 */
public record MultiResponse(List<Result> results) implements Record {
    private static final MultiHeader TERMINATOR = new MultiHeader(-1, true, -1);

    public MultiResponse {
        results = List.copyOf(Objects.requireNonNull(results, "results"));
    }

    /** The outcome of one sub-op; {@link #type()} is the value of its MultiHeader type. */
    public sealed interface Result permits CreateResult, Create2Result, DeleteResult, SetDataResult, CheckResult,
            GetDataResult, GetChildrenResult, ErrorResult {
        int type();
    }

    /** A create (1): type 1 with a {@link CreateResponse}. */
    public record CreateResult(String path) implements Result {
        @Override
        public int type() {
            return OpCode.CREATE;
        }
    }

    /** A create2, createContainer or createTTL: type 15 with a {@link Create2Response}. */
    public record Create2Result(String path, Stat stat) implements Result {
        public Create2Result {
            Objects.requireNonNull(stat, "stat");
        }

        @Override
        public int type() {
            return OpCode.CREATE2;
        }
    }

    /** A delete: type 2, no record. */
    public record DeleteResult() implements Result {
        @Override
        public int type() {
            return OpCode.DELETE;
        }
    }

    /** A setData: type 5 with a {@link SetDataResponse}. */
    public record SetDataResult(Stat stat) implements Result {
        public SetDataResult {
            Objects.requireNonNull(stat, "stat");
        }

        @Override
        public int type() {
            return OpCode.SET_DATA;
        }
    }

    /** A check: type 13, no record. */
    public record CheckResult() implements Result {
        @Override
        public int type() {
            return OpCode.CHECK;
        }
    }

    /** A getData in multiRead: type 4 with a {@link GetDataResponse}. */
    public record GetDataResult(byte[] data, Stat stat) implements Result {
        public GetDataResult {
            Objects.requireNonNull(stat, "stat");
        }

        @Override
        public int type() {
            return OpCode.GET_DATA;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof GetDataResult that && Arrays.equals(data, that.data) && stat.equals(that.stat);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(data) + stat.hashCode();
        }

        @Override
        public String toString() {
            return "GetDataResult[data=" + Bytes.describe(data) + ", stat=" + stat + "]";
        }
    }

    /** A getChildren in multiRead: type 8 with a {@link GetChildrenResponse}. */
    public record GetChildrenResult(List<String> children) implements Result {
        public GetChildrenResult {
            children = Lists.copy(children);
        }

        @Override
        public int type() {
            return OpCode.GET_CHILDREN;
        }
    }

    /** A failed op, or any op of a failed multi (err 0 before the failing one): type -1, {@link ErrorResponse}. */
    public record ErrorResult(int err) implements Result {
        @Override
        public int type() {
            return OpCode.ERROR;
        }
    }

    @Override
    public void writeTo(JuteOutput out) {
        for (Result result : results) {
            int err = result instanceof ErrorResult error ? error.err() : 0;
            new MultiHeader(result.type(), false, err).writeTo(out);
            MultiResults.writeBody(result, out);
        }
        TERMINATOR.writeTo(out);
    }

    /** Decodes a reply body; the result record is chosen by each header's type, as ZooKeeper's client does. */
    public static MultiResponse read(JuteInput in) throws WireFormatException {
        List<Result> results = new ArrayList<>();
        for (MultiHeader header = MultiHeader.read(in); !header.done(); header = MultiHeader.read(in)) {
            results.add(MultiResults.read(header.type(), in));
        }
        return new MultiResponse(results);
    }
}
