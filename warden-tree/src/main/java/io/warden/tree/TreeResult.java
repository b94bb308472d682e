package io.warden.tree;

import java.util.List;

/**
 * What applying one transaction produced: its result and the watch events, in firing order.
 *
 * @param applyError when applying threw and the transaction was failed instead, what it threw
 *                   (the host reports it); {@code null} otherwise
 */
public record TreeResult(OpResult result, List<WatchEvent> events, RuntimeException applyError) {
}
