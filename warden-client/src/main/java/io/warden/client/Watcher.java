package io.warden.client;

/**
 * Receives watch events. Called on the client's event thread, one event at a time and in the order
 * the server sent them; a watcher that blocks delays every later event and callback of its client.
 * The same watcher object registered twice for the same path and kind is one registration, and it
 * is told once per event.
 */
@FunctionalInterface
public interface Watcher {
    void onEvent(WatchEvent event);
}
