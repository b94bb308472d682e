/**
 * For tests only: {@link io.warden.storage.simulated.SimulatedDisk}, a {@link io.warden.storage.FileStore}
 * in memory that keeps only what was made durable and can crash at any single operation. The
 * storage module's crash tests and the deterministic simulator ({@code warden-testkit}) run the
 * real log, snapshot and epoch code over it. Nothing in a server uses this package.
 */
package io.warden.storage.simulated;
