package io.warden.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.warden.tree.Txn;
import io.warden.tree.TxnCodec;
import io.warden.tree.TxnOp;
import io.warden.wire.Acl;
import io.warden.wire.Frames;
import io.warden.wire.JuteInput;
import io.warden.wire.OpCode;
import io.warden.wire.Record;
import io.warden.wire.ReplyHeader;
import io.warden.wire.RequestHeader;
import io.warden.wire.Requests;
import io.warden.wire.Stat;
import io.warden.wire.WireFormatException;
import io.warden.wire.proto.CreateRequest;
import io.warden.wire.proto.GetChildrenResponse;
import io.warden.wire.proto.GetDataRequest;
import io.warden.wire.proto.GetDataResponse;
import io.warden.wire.proto.SetDataRequest;

/**
 * The jute codec on the common frames: encoding a request as a client sends it and decoding it as
 * the server reads it (header, then the body for its op code); encoding a reply as the server
 * sends it and decoding it as a client reads it; and the transaction codec of the log
 * ({@code TxnCodec}) on a setData transaction. Data is {@link #dataBytes} bytes; a getChildren
 * reply lists {@link #children} names.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JuteCodecBenchmark {
    static final int LENGTH_PREFIX_BYTES = 4;

    @Param({"100"})
    public int dataBytes;

    @Param({"100"})
    public int children;

    private RequestHeader createHeader;
    private CreateRequest create;
    private RequestHeader setDataHeader;
    private SetDataRequest setData;
    private RequestHeader getDataHeader;
    private GetDataRequest getData;
    private ReplyHeader replyHeader;
    private GetDataResponse dataReply;
    private GetChildrenResponse childrenReply;
    private Txn txn;
    private byte[] createFrame;
    private byte[] setDataFrame;
    private byte[] getDataFrame;
    private byte[] dataReplyFrame;
    private byte[] childrenReplyFrame;
    private byte[] txnBytes;

    @Setup(Level.Trial)
    public void encodeOnce() {
        byte[] data = TreeWriter.payload(dataBytes);
        String path = "/app/config/service-0000000042";
        createHeader = new RequestHeader(7, OpCode.CREATE);
        create = new CreateRequest(path, data, Acl.OPEN_ACL_UNSAFE, 0);
        setDataHeader = new RequestHeader(8, OpCode.SET_DATA);
        setData = new SetDataRequest(path, data, -1);
        getDataHeader = new RequestHeader(9, OpCode.GET_DATA);
        getData = new GetDataRequest(path, true);
        replyHeader = new ReplyHeader(9, 0x1_0000_0042L, 0);
        Stat stat = new Stat(0x1_0000_0001L, 0x1_0000_0042L, TreeWriter.TIME_MS, TreeWriter.TIME_MS + 5, 3, 0, 0, 0,
                dataBytes, 0, 0x1_0000_0001L);
        dataReply = new GetDataResponse(data, stat);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            names.add(TreeWriter.numbered("member-", i));
        }
        childrenReply = new GetChildrenResponse(names);
        txn = new Txn(0x1_0000_0042L, TreeWriter.TIME_MS, TreeWriter.SESSION_ID, 8, List.of(),
                new TxnOp.SetData(path, data, -1));
        createFrame = Frames.request(createHeader, create);
        setDataFrame = Frames.request(setDataHeader, setData);
        getDataFrame = Frames.request(getDataHeader, getData);
        dataReplyFrame = Frames.reply(replyHeader, dataReply);
        childrenReplyFrame = Frames.reply(replyHeader, childrenReply);
        txnBytes = TxnCodec.encode(txn);
    }

    /** The request in a frame as the server decodes it: the header, then the body its op code names. */
    private static Record decodeRequest(byte[] frame) throws WireFormatException {
        JuteInput in = new JuteInput(frame, LENGTH_PREFIX_BYTES, frame.length - LENGTH_PREFIX_BYTES);
        RequestHeader header = RequestHeader.read(in);
        return Requests.readBody(header.type(), in);
    }

    private static JuteInput replyBody(byte[] frame) throws WireFormatException {
        JuteInput in = new JuteInput(frame, LENGTH_PREFIX_BYTES, frame.length - LENGTH_PREFIX_BYTES);
        ReplyHeader.read(in);
        return in;
    }

    @Benchmark
    public byte[] encodeCreateRequest() {
        return Frames.request(createHeader, create);
    }

    @Benchmark
    public Record decodeCreateRequest() throws WireFormatException {
        return decodeRequest(createFrame);
    }

    @Benchmark
    public byte[] encodeSetDataRequest() {
        return Frames.request(setDataHeader, setData);
    }

    @Benchmark
    public Record decodeSetDataRequest() throws WireFormatException {
        return decodeRequest(setDataFrame);
    }

    @Benchmark
    public byte[] encodeGetDataRequest() {
        return Frames.request(getDataHeader, getData);
    }

    @Benchmark
    public Record decodeGetDataRequest() throws WireFormatException {
        return decodeRequest(getDataFrame);
    }

    @Benchmark
    public byte[] encodeGetDataReply() {
        return Frames.reply(replyHeader, dataReply);
    }

    @Benchmark
    public GetDataResponse decodeGetDataReply() throws WireFormatException {
        return GetDataResponse.read(replyBody(dataReplyFrame));
    }

    @Benchmark
    public byte[] encodeGetChildrenReply() {
        return Frames.reply(replyHeader, childrenReply);
    }

    @Benchmark
    public GetChildrenResponse decodeGetChildrenReply() throws WireFormatException {
        return GetChildrenResponse.read(replyBody(childrenReplyFrame));
    }

    @Benchmark
    public byte[] encodeTxn() {
        return TxnCodec.encode(txn);
    }

    @Benchmark
    public Txn decodeTxn() throws WireFormatException {
        return TxnCodec.decode(txnBytes);
    }
}
