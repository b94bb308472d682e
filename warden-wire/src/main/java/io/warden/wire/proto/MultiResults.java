package io.warden.wire.proto;

import io.warden.wire.JuteInput;
import io.warden.wire.JuteOutput;
import io.warden.wire.OpCode;
import io.warden.wire.WireFormatException;
import io.warden.wire.proto.MultiResponse.CheckResult;
import io.warden.wire.proto.MultiResponse.Create2Result;
import io.warden.wire.proto.MultiResponse.CreateResult;
import io.warden.wire.proto.MultiResponse.DeleteResult;
import io.warden.wire.proto.MultiResponse.ErrorResult;
import io.warden.wire.proto.MultiResponse.GetChildrenResult;
import io.warden.wire.proto.MultiResponse.GetDataResult;
import io.warden.wire.proto.MultiResponse.Result;
import io.warden.wire.proto.MultiResponse.SetDataResult;

/** The record that follows each result's MultiHeader in a {@link MultiResponse}. */
final class MultiResults {
    private MultiResults() {
    }

    static void writeBody(Result result, JuteOutput out) {
        if (result instanceof CreateResult r) {
            new CreateResponse(r.path()).writeTo(out);
        } else if (result instanceof Create2Result r) {
            new Create2Response(r.path(), r.stat()).writeTo(out);
        } else if (result instanceof SetDataResult r) {
            new SetDataResponse(r.stat()).writeTo(out);
        } else if (result instanceof GetDataResult r) {
            new GetDataResponse(r.data(), r.stat()).writeTo(out);
        } else if (result instanceof GetChildrenResult r) {
            new GetChildrenResponse(r.children()).writeTo(out);
        } else if (result instanceof ErrorResult r) {
            new ErrorResponse(r.err()).writeTo(out);
        }
        // DeleteResult and CheckResult have no record.
    }

    /** The result of a header of this type; an ErrorResult takes its code from the body, as ZooKeeper does. */
    static Result read(int type, JuteInput in) throws WireFormatException {
        switch (type) {
            case OpCode.CREATE -> {
                return new CreateResult(CreateResponse.read(in).path());
            }
            case OpCode.CREATE2 -> {
                Create2Response response = Create2Response.read(in);
                return new Create2Result(response.path(), response.stat());
            }
            case OpCode.DELETE -> {
                return new DeleteResult();
            }
            case OpCode.SET_DATA -> {
                return new SetDataResult(SetDataResponse.read(in).stat());
            }
            case OpCode.CHECK -> {
                return new CheckResult();
            }
            case OpCode.GET_DATA -> {
                GetDataResponse response = GetDataResponse.read(in);
                return new GetDataResult(response.data(), response.stat());
            }
            case OpCode.GET_CHILDREN -> {
                return new GetChildrenResult(GetChildrenResponse.read(in).children());
            }
            case OpCode.ERROR -> {
                return new ErrorResult(ErrorResponse.read(in).err());
            }
            default -> throw new WireFormatException("invalid multi result type " + type);
        }
    }
}
