package io.warden.server;

/**
 * The frames sent to one connection that the transport has not reported written yet: how many,
 * and their bytes. The transport reports written frames by count, in order; each frame's size is
 * remembered from when it was sent, so the bytes always add up.
 */
final class SendBacklog {
    private long[] sizes = new long[8];
    private int head;
    private int count;
    private long bytes;

    void sent(long frameBytes) {
        if (count == sizes.length) {
            long[] grown = new long[sizes.length * 2];
            for (int i = 0; i < count; i++) {
                grown[i] = sizes[(head + i) % sizes.length];
            }
            sizes = grown;
            head = 0;
        }
        sizes[(head + count) % sizes.length] = frameBytes;
        count++;
        bytes += frameBytes;
    }

    /** The next {@code frames} frames were written; returns their bytes. */
    long written(int frames) {
        int done = Math.min(frames, count);
        long freed = 0;
        for (int i = 0; i < done; i++) {
            freed += sizes[head];
            head = (head + 1) % sizes.length;
        }
        count -= done;
        bytes -= freed;
        if (count == 0 && sizes.length > 64) {
            sizes = new long[8];
            head = 0;
        }
        return freed;
    }

    int frames() {
        return count;
    }

    long bytes() {
        return bytes;
    }
}
