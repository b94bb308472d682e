/**
 * The server's deterministic core: connections, sessions and the request pipeline (prepare,
 * propose, commit, apply, reply). {@link io.warden.server.ServerCore} takes one
 * {@link io.warden.server.ServerInput} and the current time and returns
 * {@link io.warden.server.ServerOutput}s for the driver to carry out. No threads, clocks or I/O.
 */
package io.warden.server;
