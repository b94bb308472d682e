package io.warden.testkit.linearizability;

import java.util.List;

/**
 * Where a search got stuck: the operations placed (positions in the history, in linearization
 * order), the state they left, the completed operations that could have come next, and the completed
 * operation that had to come next at the latest.
 */
record DeadEnd<S>(List<Integer> placedInOrder, S state, List<Integer> candidates, int overdueOperation) {
}
