/**
 * The consensus core: ZAB-style leader election, discovery (epoch agreement), synchronisation and
 * broadcast, as one deterministic state machine. {@link io.warden.zab.ZabCore} takes a
 * {@link io.warden.zab.ZabInput} (a peer message, a tick, proposals, a disk completion) and returns
 * {@link io.warden.zab.ZabOutput}s (messages to send, records to persist, transactions to deliver).
 * Payloads are opaque bytes. No threads, sockets, files or clocks inside.
 */
package io.warden.zab;
