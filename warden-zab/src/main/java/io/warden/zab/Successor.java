package io.warden.zab;

/**
 * The server a stepping-down leader named to lead next, with its history: every voter that
 * hears of it votes for it first, and prefers it over any candidate with the same history.
 */
record Successor(long id, long epoch, long zxid) {
}
