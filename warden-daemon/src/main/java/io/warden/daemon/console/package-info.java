/**
 * The web console at {@code /console/} on the AdminServer's port: static pages of its own
 * (classpath resources) and a small JSON API. Reads run on the driver thread ({@link
 * io.warden.daemon.console.ConsoleCall}); edits travel as a client's requests over a connection
 * inside the process ({@link io.warden.daemon.console.InProcessConnection}), so they are validated,
 * checked against ACLs, logged and replicated like any client's. Nothing here depends on Netty: the glue the AdminServer's handler calls is
 * {@code io.warden.daemon.admin.ConsoleHttp}, with the AdminServer's other Netty code.
 */
package io.warden.daemon.console;
