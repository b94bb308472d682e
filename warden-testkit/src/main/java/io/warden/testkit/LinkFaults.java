package io.warden.testkit;

/**
 * How badly the simulated network treats every message (partitions are separate: see
 * {@link Cluster#partition}).
 *
 * @param dropProbability a message is lost
 * @param duplicateProbability a message arrives twice
 * @param reorderProbability a message is held back by up to {@code reorderDelayMaxMs} extra, so
 *     that later ones overtake it (otherwise each direction of a link is FIFO)
 * @param reorderDelayMaxMs the longest extra delay of a held-back message
 */
public record LinkFaults(double dropProbability, double duplicateProbability, double reorderProbability,
        int reorderDelayMaxMs) {

    /** A perfect network: every message arrives once, each link in order. */
    public static final LinkFaults NONE = new LinkFaults(0, 0, 0, 0);

    public LinkFaults {
        probability("dropProbability", dropProbability);
        probability("duplicateProbability", duplicateProbability);
        probability("reorderProbability", reorderProbability);
        if (reorderDelayMaxMs < 0) {
            throw new IllegalArgumentException("reorderDelayMaxMs must not be negative: " + reorderDelayMaxMs);
        }
    }

    private static void probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + value);
        }
    }
}
