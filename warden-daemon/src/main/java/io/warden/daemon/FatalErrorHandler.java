package io.warden.daemon;

/**
 * What the server does when it cannot go on: the disk failed, or the driver loop met an error it
 * cannot attribute to one client. The process's handler prints the reason and exits with a
 * non-zero status, so that a supervisor restarts it on its durable data; an embedding
 * application may choose otherwise. Called at most once per server, from any thread.
 */
@FunctionalInterface
public interface FatalErrorHandler {
    void fatal(String reason, Throwable cause);
}
