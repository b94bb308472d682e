package io.warden.testkit;

/**
 * A broken invariant, as the checker or the simulated disk sees it. The cluster turns it into a
 * {@link SimulationViolation} with the run's seed, step, time and trace.
 */
final class CheckFailure extends RuntimeException {
    private final String invariant;

    CheckFailure(String invariant, String detail) {
        super(detail);
        this.invariant = invariant;
    }

    String invariant() {
        return invariant;
    }
}
