package io.warden.daemon.config;

/**
 * A host and a port to listen on or connect to.
 *
 * @param host a host name or address as written in the configuration, without IPv6 brackets;
 *     {@code null} means all interfaces (the wildcard address)
 * @param port the port
 */
public record Endpoint(String host, int port) {

    /** {@code host:port}, with {@code 0.0.0.0} for all interfaces and brackets around IPv6 addresses. */
    @Override
    public String toString() {
        String shown = host == null ? "0.0.0.0" : host;
        if (shown.indexOf(':') >= 0) {
            shown = "[" + shown + "]";
        }
        return shown + ":" + port;
    }
}
