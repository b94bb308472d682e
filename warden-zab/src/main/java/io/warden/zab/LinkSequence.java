package io.warden.zab;

/**
 * The numbering of one link in both directions: the next number to send, and the next number
 * expected. {@link #accept} sorts an arriving message into taken, repeated, or a gap.
 */
final class LinkSequence {
    enum Arrival { NEXT, REPEAT, GAP }

    private long nextOut;
    private long nextIn;

    LinkSequence(long firstOut, long firstIn) {
        this.nextOut = firstOut;
        this.nextIn = firstIn;
    }

    long nextOut() {
        return nextOut++;
    }

    Arrival accept(long seq) {
        if (seq == nextIn) {
            nextIn++;
            return Arrival.NEXT;
        }
        return seq < nextIn ? Arrival.REPEAT : Arrival.GAP;
    }
}
