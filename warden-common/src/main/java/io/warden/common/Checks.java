package io.warden.common;

/** Invariant checks that stay on in production: a broken invariant must fail loudly. */
public final class Checks {
    private Checks() {
    }

    public static void check(boolean condition, String message) {
        if (!condition) {
            throw new InvariantViolation(message);
        }
    }

    public static void check(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new InvariantViolation(String.format(format, args));
        }
    }

    /**
     * The failure of a check written as {@code if (broken) throw Checks.violation(...)}: for hot
     * paths, where {@link #check(boolean, String, Object...)} would format (or box) its arguments
     * on every call.
     */
    public static InvariantViolation violation(String format, Object... args) {
        return new InvariantViolation(String.format(format, args));
    }

    /** Thrown when the code's own assumptions do not hold. Never caught to carry on. */
    public static final class InvariantViolation extends IllegalStateException {
        InvariantViolation(String message) {
            super(message);
        }
    }
}
