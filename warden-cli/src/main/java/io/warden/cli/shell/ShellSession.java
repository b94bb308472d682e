package io.warden.cli.shell;

import io.warden.client.BlockingClient;
import io.warden.client.ConnectionState;
import io.warden.client.WardenClient;
import io.warden.client.Watcher;
import java.util.concurrent.TimeUnit;

/**
 * What one shell keeps between commands: the connection (replaced by {@code connect}, dropped by
 * {@code close}), the console, the history, and the one watcher every {@code -w} registers, which
 * prints events as zkCli does while {@code printwatches} is on.
 */
final class ShellSession implements AutoCloseable {
    private final ShellConsole console;
    private final int sessionTimeoutMs;
    private final CommandHistory history = new CommandHistory();
    private final Watcher watcher = event -> {
        if (printsWatches()) {
            console().event(WatchEventText.of(event));
        }
    };
    private volatile boolean printWatches = true;
    private volatile boolean quitRequested;
    private volatile String connectString;
    private volatile WardenClient client;

    ShellSession(ShellConsole console, String connectString, int sessionTimeoutMs) {
        this.console = console;
        this.connectString = connectString;
        this.sessionTimeoutMs = sessionTimeoutMs;
    }

    ShellConsole console() {
        return console;
    }

    CommandHistory history() {
        return history;
    }

    Watcher watcher() {
        return watcher;
    }

    boolean printsWatches() {
        return printWatches;
    }

    void printWatches(boolean on) {
        printWatches = on;
    }

    /**
     * Waits (at most {@code timeoutMs}) until the watch events received so far have been printed:
     * blocking commands return on the I/O thread, possibly before the event thread printed an
     * event their request caused, while an asynchronous call completes on the event thread after
     * every event before it. Used before a script ends, so no event of its last command is lost.
     */
    void awaitEventsHandled(long timeoutMs) throws InterruptedException {
        WardenClient current = client;
        if (current == null) {
            return;
        }
        try {
            current.exists("/").get(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // closed or cut off: whatever could be printed was
        }
    }

    /** {@code quit}: the shell ends after this command. */
    void requestQuit() {
        quitRequested = true;
    }

    boolean quitRequested() {
        return quitRequested;
    }

    String connectString() {
        return connectString;
    }

    /** Drops the current connection (if any) and starts one to {@code servers}, in the background. */
    synchronized void connect(String servers) {
        closeClient();
        WardenClient.Builder builder = WardenClient.builder(servers).sessionTimeoutMs(sessionTimeoutMs)
                .connectionTimeoutMs(sessionTimeoutMs);
        WardenClient started = builder.build();
        started.addConnectionStateListener((state, sessionId) -> {
            if (printsWatches()) {
                console.event(WatchEventText.of(state));
            }
        });
        connectString = servers;
        client = started;
    }

    /** Waits up to {@code timeoutMs} for the connection; false when there is none or it did not come. */
    boolean awaitConnected(long timeoutMs) throws InterruptedException {
        WardenClient current = client;
        return current != null && current.blocking().awaitConnected(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** The client for a command; fails with {@code Not connected} after {@code close}. */
    BlockingClient client() throws CommandFailedException {
        WardenClient current = client;
        if (current == null || current.state() == ConnectionState.CLOSED) {
            throw CommandFailedException.notConnected();
        }
        return current.blocking();
    }

    /** The client, or {@code null} without one (for completion, which must not fail). */
    WardenClient clientOrNull() {
        return client;
    }

    /** The state zkCli shows in its prompt. */
    String promptState() {
        WardenClient current = client;
        if (current == null) {
            return "CLOSED";
        }
        ConnectionState state = current.state();
        if (state == null) {
            return "CONNECTING";
        }
        return switch (state) {
            case CONNECTED, RECONNECTED -> "CONNECTED";
            case SUSPENDED, LOST, EXPIRED -> "CONNECTING";
            case AUTH_FAILED -> "AUTH_FAILED";
            case CLOSED -> "CLOSED";
        };
    }

    String prompt() {
        return "[zk: " + connectString + "(" + promptState() + ") " + history.nextNumber() + "] ";
    }

    /** {@code close}: ends the session; the shell stays, and {@code connect} starts a new one. */
    synchronized void closeClient() {
        WardenClient current = client;
        client = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void close() {
        closeClient();
    }
}
