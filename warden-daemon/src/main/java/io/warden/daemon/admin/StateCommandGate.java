package io.warden.daemon.admin;

/**
 * What a command that changes state passes once its caller is authorized, in ZooKeeper's order:
 * whether it may run on this server at all, whether it is enabled (503, error null, as ZooKeeper),
 * and its rate limit (429, error null, as ZooKeeper).
 */
final class StateCommandGate {
    static final int DISABLED = 503;
    static final int TOO_MANY = 429;

    private final String command;
    private final boolean enabled;
    private final String unavailableReason;
    private final OncePerInterval rate;

    /**
     * @param unavailableReason why the command cannot run on this server (e.g. restore on an
     *                          ensemble member), or null
     */
    StateCommandGate(String command, boolean enabled, String unavailableReason, OncePerInterval rate) {
        this.command = command;
        this.enabled = enabled;
        this.unavailableReason = unavailableReason;
        this.rate = rate;
    }

    /** Null when the command may run now (and it then counts against the rate), else the answer. */
    AdminAnswer check() {
        if (unavailableReason != null) {
            return AdminAnswer.error(DISABLED, command, unavailableReason);
        }
        if (!enabled) {
            return AdminAnswer.error(DISABLED, command, null);
        }
        if (!rate.allow()) {
            return AdminAnswer.error(TOO_MANY, command, null);
        }
        return null;
    }
}
