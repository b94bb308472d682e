package io.warden.transport.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.warden.zab.Entry;
import io.warden.zab.PeerMessage;

class ProposalsChunksTest {
    private static final long SEED = 20261207L;

    @Test
    void theChunksAreTheFrameTheCodecEncodesInPiecesOfWholeEntries() {
        Random random = new Random(SEED);
        for (int run = 0; run < 200; run++) {
            int count = random.nextInt(60);
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // mostly small, some longer than a chunk
                int size = random.nextInt(10) == 0 ? random.nextInt(3 * FrameChunks.CHUNK_BYTES) : random.nextInt(9000);
                byte[] payload = new byte[size];
                random.nextBytes(payload);
                entries.add(new Entry(i + 1L, payload));
            }
            PeerMessage.Proposals message = new PeerMessage.Proposals(random.nextInt(100), random.nextInt(100), entries);
            long bodyBytes = PeerCodec.bodyBytes(message);
            ProposalsChunks chunks = new ProposalsChunks(message, bodyBytes);
            assertThat(chunks.length()).isEqualTo(PeerCodec.FRAME_HEADER_BYTES + bodyBytes);

            int longestEntry = entries.stream().mapToInt(PeerCodec::entryBytes).max().orElse(0);
            int headBytes = PeerCodec.proposalsFrameHead(message, bodyBytes).length;
            int chunkBytesMax = Math.max(FrameChunks.CHUNK_BYTES, headBytes + longestEntry);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            int chunkCount = 0;
            while (!chunks.isEndOfInput()) {
                ByteBuf chunk = chunks.readChunk(ByteBufAllocator.DEFAULT);
                byte[] bytes = new byte[chunk.readableBytes()];
                chunk.readBytes(bytes);
                chunk.release();
                chunkCount++;
                assertThat(bytes.length).as("seed %d run %d chunk %d: a chunk at most, or the head and one long entry",
                        SEED, run, chunkCount).isLessThanOrEqualTo(chunkBytesMax);
                frame.writeBytes(bytes);
                assertThat(chunks.progress()).isEqualTo(frame.size());
            }
            assertThat(chunks.readChunk(ByteBufAllocator.DEFAULT)).isNull();
            assertThat(frame.toByteArray()).as("seed %d run %d: %d entries", SEED, run, count)
                    .isEqualTo(PeerCodec.encodeFrame(message));
            long longEntries = entries.stream().filter(e -> e.payload().length >= FrameChunks.CHUNK_BYTES).count();
            assertThat((long) chunkCount).as("seed %d run %d: chunks are filled", SEED, run)
                    .isLessThanOrEqualTo(1 + 2 * (frame.size() / FrameChunks.CHUNK_BYTES) + longEntries);
        }
    }
}
