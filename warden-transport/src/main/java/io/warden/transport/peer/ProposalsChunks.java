package io.warden.transport.peer;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.warden.zab.Entry;
import io.warden.zab.PeerMessage;

/**
 * A long {@code Proposals} frame encoded only as the connection takes it, in chunks of whole
 * entries of about {@link FrameChunks#CHUNK_BYTES} (one entry longer than that is a chunk of its
 * own). Until then the frame costs the message and nothing more: its payloads are the arrays the
 * leader's consensus core holds anyway. A follower synchronised behind a snapshot is sent every
 * transaction since the leader's snapshot in one turn; encoded at once, that was a second copy of
 * the leader's retained log per such follower, waiting on the heap behind the stream.
 */
final class ProposalsChunks extends HeapChunks {
    private final List<Entry> entries;
    private final long frameBytes;
    private byte[] head;
    private int nextEntry;
    private long progress;

    /** {@code bodyBytes} is the message's body, as {@link PeerCodec#bodyBytes} counts it. */
    ProposalsChunks(PeerMessage.Proposals message, long bodyBytes) {
        this.entries = message.entries();
        this.head = PeerCodec.proposalsFrameHead(message, bodyBytes);
        this.frameBytes = PeerCodec.FRAME_HEADER_BYTES + bodyBytes;
    }

    @Override
    public boolean isEndOfInput() {
        return head == null && nextEntry >= entries.size();
    }

    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) {
        if (isEndOfInput()) {
            return null;
        }
        int headBytes = head == null ? 0 : head.length;
        long chunkBytes = headBytes;
        int end = nextEntry;
        while (end < entries.size()) {
            int bytes = PeerCodec.entryBytes(entries.get(end));
            if (end > nextEntry && chunkBytes + bytes > FrameChunks.CHUNK_BYTES) {
                break;
            }
            chunkBytes += bytes;
            end++;
        }
        byte[] chunk = new byte[Math.toIntExact(chunkBytes)];
        if (head != null) {
            System.arraycopy(head, 0, chunk, 0, headBytes);
            head = null;
        }
        PeerOutput out = PeerOutput.into(chunk, headBytes);
        for (; nextEntry < end; nextEntry++) {
            PeerCodec.writeEntry(out, entries.get(nextEntry));
        }
        progress += chunk.length;
        return Unpooled.wrappedBuffer(chunk);
    }

    @Override
    public long length() {
        return frameBytes;
    }

    @Override
    public long progress() {
        return progress;
    }
}
