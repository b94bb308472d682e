/**
 * The AdminServer: ZooKeeper's HTTP commands ({@code /commands/...}) on a port of their own, off
 * unless {@code admin.enableServer=true}. Netty threads parse and bound the HTTP; every command
 * that reads server state is handed to the driver thread, which owns that state, as an
 * {@link io.warden.daemon.admin.AdminCall}, and answered when the driver replies or a bounded wait
 * ends.
 */
package io.warden.daemon.admin;
