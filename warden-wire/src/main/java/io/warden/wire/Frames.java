package io.warden.wire;

import io.warden.wire.proto.ConnectRequest;
import io.warden.wire.proto.ConnectResponse;
import io.warden.wire.proto.WatcherEvent;

/** Whole frames: a big-endian int32 length that does not count itself, then the payload. */
public final class Frames {
    /** The default {@code jute.maxbuffer}: the largest frame payload either side accepts. */
    public static final int JUTE_MAXBUFFER_DEFAULT = 0xFFFFF;

    private static final int LENGTH_BYTES = 4;

    private Frames() {
    }

    /** A reply: header, then the body unless {@code bodyOrNull} is null (error replies, void ops). */
    public static byte[] reply(ReplyHeader header, Record bodyOrNull) {
        return frame(header, bodyOrNull);
    }

    /** The server's first frame. */
    public static byte[] connectResponse(ConnectResponse response) {
        return frame(response, null);
    }

    /** A watch notification: {@code ReplyHeader{-1, zxid, 0}} then the event. */
    public static byte[] notification(long zxid, WatcherEvent event) {
        return frame(new ReplyHeader(Xids.NOTIFICATION, zxid, 0), event);
    }

    /** A request: header, then the body unless {@code bodyOrNull} is null. */
    public static byte[] request(RequestHeader header, Record bodyOrNull) {
        return frame(header, bodyOrNull);
    }

    /** The client's first frame. */
    public static byte[] connectRequest(ConnectRequest request) {
        return frame(request, null);
    }

    /** The length of the frame {@link #reply} makes, length prefix included. */
    public static long replySize(ReplyHeader header, Record bodyOrNull) {
        return frameSize(header, bodyOrNull);
    }

    /** The length of the frame {@link #notification} makes. */
    public static long notificationSize(long zxid, WatcherEvent event) {
        return frameSize(new ReplyHeader(Xids.NOTIFICATION, zxid, 0), event);
    }

    /** The length of the frame {@link #connectResponse} makes. */
    public static long connectResponseSize(ConnectResponse response) {
        return frameSize(response, null);
    }

    /** The length of a request frame with this header and body. */
    public static long requestSize(RequestHeader header, Record bodyOrNull) {
        return frameSize(header, bodyOrNull);
    }

    private static long frameSize(Record first, Record secondOrNull) {
        return LENGTH_BYTES + JuteSize.of(first) + (secondOrNull == null ? 0 : JuteSize.of(secondOrNull));
    }

    private static byte[] frame(Record first, Record secondOrNull) {
        JuteOutput out = new JuteOutput(64);
        out.writeInt(0);
        first.writeTo(out);
        if (secondOrNull != null) {
            secondOrNull.writeTo(out);
        }
        out.setInt(0, out.size() - LENGTH_BYTES);
        return out.toByteArray();
    }
}
