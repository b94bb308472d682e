/**
 * Reading a ZooKeeper {@code zoo.cfg} into one immutable {@link io.warden.daemon.config.ServerConfig}.
 *
 * <p>This is the edge where configuration enters the server: {@link
 * io.warden.daemon.config.ZooCfgParser} turns a file (and the Java system properties the caller
 * passes in as a map) into a {@code ServerConfig} plus a list of warnings for the caller to log. A
 * {@code zoo.cfg} written for Apache ZooKeeper 3.9 means the same here: same keys, same defaults,
 * same precedence between the file and system properties. Nothing in this package reads global
 * state; the only I/O is reading the configuration file and the dynamic configuration file it
 * names.
 */
package io.warden.daemon.config;
