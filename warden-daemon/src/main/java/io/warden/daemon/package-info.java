/**
 * The server process: {@link io.warden.daemon.WardenServer} wires configuration, the client port,
 * the driver loop that owns the core, and the transaction log together.
 */
package io.warden.daemon;
