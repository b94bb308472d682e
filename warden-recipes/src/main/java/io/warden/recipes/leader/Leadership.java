package io.warden.recipes.leader;

/**
 * The work a {@link LeaderSelector} runs while its participant leads. Leadership ends when the
 * method returns or throws. When the connection is in doubt the thread running it is interrupted:
 * the method must then stop acting as leader and return promptly.
 */
@FunctionalInterface
public interface Leadership {
    /** Lead; {@code fencingToken} grows with every new leader, for the resources the leader writes to. */
    void lead(long fencingToken) throws Exception;
}
