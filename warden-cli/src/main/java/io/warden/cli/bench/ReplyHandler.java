package io.warden.cli.bench;

/**
 * Receives the reply to one request, on the connection's reader thread (or on the thread that
 * noticed the connection was lost). It must not block.
 */
@FunctionalInterface
interface ReplyHandler {
    void onReply(Reply reply);
}
