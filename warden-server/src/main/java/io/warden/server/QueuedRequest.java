package io.warden.server;

import io.warden.wire.ErrorCode;
import io.warden.wire.Record;
import io.warden.wire.RequestHeader;

/**
 * A request held back to keep its connection's FIFO order; {@code error} set for bad requests,
 * {@code bytes} its frame's length.
 */
record QueuedRequest(RequestHeader header, Record body, ErrorCode error, long receivedMs, long bytes) {
}
