package io.warden.testkit.linearizability;

import java.util.Optional;

/**
 * The sequential specification a history is checked against: a deterministic state machine. A
 * state and an input determine the output and the next state.
 *
 * <p>States are immutable values: the checker memoises the states it has explored, so {@code
 * equals} and {@code hashCode} must compare contents. They must not be {@code null}. Inputs and
 * outputs should have a readable {@code toString}; explanations use it.
 *
 * @param <S> the state
 * @param <I> the input of an operation
 * @param <O> the output of an operation
 */
public interface Model<S, I, O> {

    /** The state before any operation. */
    S initialState();

    /**
     * The state after {@code input} took effect in {@code state} and returned {@code output}, or empty
     * when {@code output} is not what {@code input} returns in {@code state}.
     */
    Optional<S> step(S state, I input, O output);

    /**
     * The state after {@code input} took effect in {@code state}, its output never observed (an
     * operation whose outcome is unknown). Defined for every state and input.
     */
    S stepUnobserved(S state, I input);

    /** The state, as explanations show it. */
    default String describe(S state) {
        return String.valueOf(state);
    }
}
