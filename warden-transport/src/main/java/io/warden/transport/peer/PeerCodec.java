package io.warden.transport.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.warden.zab.Entry;
import io.warden.zab.PeerMessage;

/**
 * The binary format of one {@link PeerMessage}: a one-byte type tag, then the record's fields in
 * declaration order, big-endian. Longs take 8 bytes, booleans one byte (0 or 1), a
 * {@link io.warden.zab.ServerState} its ordinal byte; byte arrays and lists are an int count
 * followed by their items, an {@link Entry} being its zxid and its payload. Decoding rejects an
 * unknown tag, a truncated body, a bad field and trailing bytes with a {@link PeerFormatException}
 * naming the record and the field, and never allocates more than the body holds.
 */
public final class PeerCodec {
    static final byte TAG_VOTE = 1;
    static final byte TAG_FOLLOWER_INFO = 2;
    static final byte TAG_LEADER_INFO = 3;
    static final byte TAG_ACK_EPOCH = 4;
    static final byte TAG_TRUNC = 5;
    static final byte TAG_SNAP = 6;
    static final byte TAG_PROPOSALS = 7;
    static final byte TAG_COMMIT = 8;
    static final byte TAG_NEW_LEADER = 9;
    static final byte TAG_ACK_NEW_LEADER = 10;
    static final byte TAG_UP_TO_DATE = 11;
    static final byte TAG_ACK = 12;
    static final byte TAG_PING = 13;
    static final byte TAG_PING_REPLY = 14;
    static final byte TAG_RECONNECT = 15;
    static final byte TAG_RELAY = 16;
    static final byte TAG_STEP_DOWN = 17;
    /** A piece of the image a {@link #TAG_SNAP} header announced; see {@link SnapshotStream}. */
    static final byte TAG_SNAP_CHUNK = 18;

    /** The length in front of a body on the wire. */
    static final int FRAME_HEADER_BYTES = 4;
    /** The fewest bytes of an {@link Entry}: its zxid and an empty payload's length. */
    private static final int ENTRY_BYTES_MIN = 8 + 4;
    /** The longest array the JVM reliably allocates. */
    private static final long ARRAY_BYTES_MAX = Integer.MAX_VALUE - 8;

    private PeerCodec() {
    }

    /** The body of {@code message}. */
    public static byte[] encode(PeerMessage message) {
        return encodeWithRoom(message, 0);
    }

    /** The bytes {@link #encode} gives for {@code message}, counted without encoding it. */
    static long bodyBytes(PeerMessage message) {
        PeerOutput counter = PeerOutput.counter();
        write(message, counter);
        return counter.position();
    }

    /** A whole frame: the body's length, then the body. */
    static byte[] encodeFrame(PeerMessage message) {
        byte[] frame = encodeWithRoom(message, FRAME_HEADER_BYTES);
        PeerOutput.into(frame, 0).writeInt(frame.length - FRAME_HEADER_BYTES);
        return frame;
    }

    private static byte[] encodeWithRoom(PeerMessage message, int headerBytes) {
        long size = headerBytes + bodyBytes(message);
        if (size > ARRAY_BYTES_MAX) {
            throw new IllegalArgumentException(message.getClass().getSimpleName() + " needs " + size
                    + " bytes, more than an array holds");
        }
        byte[] bytes = new byte[(int) size];
        PeerOutput out = PeerOutput.into(bytes, headerBytes);
        write(message, out);
        return bytes;
    }

    private static void write(PeerMessage message, PeerOutput out) {
        if (message instanceof PeerMessage.Vote m) {
            out.writeByte(TAG_VOTE);
            out.writeLong(m.round());
            out.writeByte(Objects.requireNonNull(m.state(), "Vote.state").ordinal());
            out.writeLong(m.leader());
            out.writeLong(m.epoch());
            out.writeLong(m.zxid());
        } else if (message instanceof PeerMessage.FollowerInfo m) {
            writeHead(out, TAG_FOLLOWER_INFO, m);
            out.writeLong(m.acceptedEpoch());
        } else if (message instanceof PeerMessage.LeaderInfo m) {
            writeHead(out, TAG_LEADER_INFO, m);
            out.writeLong(m.epoch());
            out.writeLong(m.nextLink());
        } else if (message instanceof PeerMessage.AckEpoch m) {
            writeHead(out, TAG_ACK_EPOCH, m);
            out.writeLong(m.epoch());
            out.writeLong(m.currentEpoch());
            out.writeLong(m.lastZxid());
            out.writeBoolean(m.promise());
        } else if (message instanceof PeerMessage.Trunc m) {
            writeHead(out, TAG_TRUNC, m);
            out.writeLong(m.zxid());
        } else if (message instanceof PeerMessage.Snap m) {
            // the header only: the image follows in TAG_SNAP_CHUNK frames (SnapshotStream)
            writeHead(out, TAG_SNAP, m);
            out.writeLong(m.zxid());
            out.writeLong(Objects.requireNonNull(m.state(), "Snap.state").sizeBytes());
        } else if (message instanceof PeerMessage.Proposals m) {
            writeProposalsHead(out, m);
            for (Entry entry : m.entries()) {
                writeEntry(out, entry);
            }
        } else if (message instanceof PeerMessage.Commit m) {
            writeHead(out, TAG_COMMIT, m);
            out.writeLong(m.zxid());
        } else if (message instanceof PeerMessage.NewLeader m) {
            writeHead(out, TAG_NEW_LEADER, m);
            out.writeLong(m.epoch());
            out.writeLong(m.zxid());
        } else if (message instanceof PeerMessage.AckNewLeader m) {
            writeHead(out, TAG_ACK_NEW_LEADER, m);
            out.writeLong(m.zxid());
        } else if (message instanceof PeerMessage.UpToDate m) {
            writeHead(out, TAG_UP_TO_DATE, m);
        } else if (message instanceof PeerMessage.Ack m) {
            writeHead(out, TAG_ACK, m);
            out.writeLong(m.zxid());
        } else if (message instanceof PeerMessage.Ping m) {
            writeHead(out, TAG_PING, m);
        } else if (message instanceof PeerMessage.PingReply m) {
            writeHead(out, TAG_PING_REPLY, m);
        } else if (message instanceof PeerMessage.StepDown m) {
            writeHead(out, TAG_STEP_DOWN, m);
            out.writeLong(m.successor());
            out.writeLong(m.epoch());
            out.writeLong(m.zxid());
        } else if (message instanceof PeerMessage.Reconnect m) {
            out.writeByte(TAG_RECONNECT);
            out.writeLong(m.link());
        } else if (message instanceof PeerMessage.Relay m) {
            out.writeByte(TAG_RELAY);
            out.writeBytes(m.payload());
        } else {
            throw new IllegalArgumentException("no encoding for " + message);
        }
    }

    /**
     * The start of a {@code Proposals} frame: the body's length ({@code bodyBytes}), then what comes
     * before the entries (the entries follow, each as {@link #writeEntry} writes it).
     */
    static byte[] proposalsFrameHead(PeerMessage.Proposals message, long bodyBytes) {
        PeerOutput counter = PeerOutput.counter();
        writeProposalsHead(counter, message);
        byte[] head = new byte[FRAME_HEADER_BYTES + (int) counter.position()];
        PeerOutput out = PeerOutput.into(head, 0);
        out.writeInt(Math.toIntExact(bodyBytes));
        writeProposalsHead(out, message);
        return head;
    }

    private static void writeProposalsHead(PeerOutput out, PeerMessage.Proposals message) {
        writeHead(out, TAG_PROPOSALS, message);
        out.writeInt(message.entries().size());
    }

    /** The bytes one entry of a {@code Proposals} takes. */
    static int entryBytes(Entry entry) {
        return ENTRY_BYTES_MIN + entry.payload().length;
    }

    static void writeEntry(PeerOutput out, Entry entry) {
        out.writeLong(entry.zxid());
        out.writeBytes(entry.payload());
    }

    /** The tag, the link and the number, which every message on a link starts with. */
    private static void writeHead(PeerOutput out, byte tag, PeerMessage.OnLink message) {
        out.writeByte(tag);
        out.writeLong(message.link());
        out.writeLong(message.seq());
    }

    /** The message {@code frameBody} holds, every byte of it. */
    public static PeerMessage decode(byte[] frameBody) throws PeerFormatException {
        PeerInput in = new PeerInput(frameBody);
        if (in.remaining() == 0) {
            throw new PeerFormatException("an empty body: no type tag");
        }
        byte tag = in.readByte("tag");
        PeerMessage message = switch (tag) {
            case TAG_VOTE -> {
                in.reading("Vote");
                yield new PeerMessage.Vote(in.readLong("round"), in.readState("state"), in.readLong("leader"),
                        in.readLong("epoch"), in.readLong("zxid"));
            }
            case TAG_FOLLOWER_INFO -> {
                in.reading("FollowerInfo");
                yield new PeerMessage.FollowerInfo(in.readLong("link"), in.readLong("seq"),
                        in.readLong("acceptedEpoch"));
            }
            case TAG_LEADER_INFO -> {
                in.reading("LeaderInfo");
                yield new PeerMessage.LeaderInfo(in.readLong("link"), in.readLong("seq"), in.readLong("epoch"),
                        in.readLong("nextLink"));
            }
            case TAG_ACK_EPOCH -> {
                in.reading("AckEpoch");
                yield new PeerMessage.AckEpoch(in.readLong("link"), in.readLong("seq"), in.readLong("epoch"),
                        in.readLong("currentEpoch"), in.readLong("lastZxid"), in.readBoolean("promise"));
            }
            case TAG_TRUNC -> {
                in.reading("Trunc");
                yield new PeerMessage.Trunc(in.readLong("link"), in.readLong("seq"), in.readLong("zxid"));
            }
            case TAG_SNAP, TAG_SNAP_CHUNK -> throw new PeerFormatException(
                    "a snapshot's frames are read with decodeSnapshotStart and as chunks");
            case TAG_PROPOSALS -> {
                in.reading("Proposals");
                yield readProposals(in);
            }
            case TAG_COMMIT -> {
                in.reading("Commit");
                yield new PeerMessage.Commit(in.readLong("link"), in.readLong("seq"), in.readLong("zxid"));
            }
            case TAG_NEW_LEADER -> {
                in.reading("NewLeader");
                yield new PeerMessage.NewLeader(in.readLong("link"), in.readLong("seq"), in.readLong("epoch"),
                        in.readLong("zxid"));
            }
            case TAG_ACK_NEW_LEADER -> {
                in.reading("AckNewLeader");
                yield new PeerMessage.AckNewLeader(in.readLong("link"), in.readLong("seq"), in.readLong("zxid"));
            }
            case TAG_UP_TO_DATE -> {
                in.reading("UpToDate");
                yield new PeerMessage.UpToDate(in.readLong("link"), in.readLong("seq"));
            }
            case TAG_ACK -> {
                in.reading("Ack");
                yield new PeerMessage.Ack(in.readLong("link"), in.readLong("seq"), in.readLong("zxid"));
            }
            case TAG_PING -> {
                in.reading("Ping");
                yield new PeerMessage.Ping(in.readLong("link"), in.readLong("seq"));
            }
            case TAG_PING_REPLY -> {
                in.reading("PingReply");
                yield new PeerMessage.PingReply(in.readLong("link"), in.readLong("seq"));
            }
            case TAG_STEP_DOWN -> {
                in.reading("StepDown");
                yield new PeerMessage.StepDown(in.readLong("link"), in.readLong("seq"), in.readLong("successor"),
                        in.readLong("epoch"), in.readLong("zxid"));
            }
            case TAG_RECONNECT -> {
                in.reading("Reconnect");
                yield new PeerMessage.Reconnect(in.readLong("link"));
            }
            case TAG_RELAY -> {
                in.reading("Relay");
                yield new PeerMessage.Relay(in.readBytes("payload"));
            }
            default -> throw new PeerFormatException("unknown type tag " + (tag & 0xFF));
        };
        in.end();
        return message;
    }

    /** What a {@link #TAG_SNAP} header frame announces: the image of {@code sizeBytes} follows in chunks. */
    record SnapshotStart(long link, long seq, long zxid, long sizeBytes) {
    }

    /** Whether {@code frameBody} is a snapshot's header frame or one of its chunks. */
    static boolean isSnapshotFrame(byte[] frameBody) {
        return frameBody.length > 0 && (frameBody[0] == TAG_SNAP || frameBody[0] == TAG_SNAP_CHUNK);
    }

    /** The header of a snapshot, every byte of {@code frameBody} (which starts with {@link #TAG_SNAP}). */
    static SnapshotStart decodeSnapshotStart(byte[] frameBody) throws PeerFormatException {
        PeerInput in = new PeerInput(frameBody);
        in.readByte("tag");
        in.reading("Snap");
        SnapshotStart start = new SnapshotStart(in.readLong("link"), in.readLong("seq"), in.readLong("zxid"),
                in.readLong("sizeBytes"));
        in.end();
        if (start.sizeBytes() < 0) {
            throw new PeerFormatException("Snap.sizeBytes: " + start.sizeBytes() + " is negative");
        }
        return start;
    }

    private static PeerMessage.Proposals readProposals(PeerInput in) throws PeerFormatException {
        long link = in.readLong("link");
        long seq = in.readLong("seq");
        int count = in.readCount("entries", ENTRY_BYTES_MIN);
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String field = "entries[" + i + "]";
            entries.add(new Entry(in.readLong(field + ".zxid"), in.readBytes(field + ".payload")));
        }
        return new PeerMessage.Proposals(link, seq, entries);
    }
}
