package io.warden.tree;

import java.util.List;

/** What applying one transaction produced: its result and the watch events, in firing order. */
public record TreeResult(OpResult result, List<WatchEvent> events) {
}
