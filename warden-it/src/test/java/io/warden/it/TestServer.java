package io.warden.it;

/**
 * A running server that compatibility tests can point clients at: the reference Apache ZooKeeper or
 * Warden. Closing it stops the server and releases its port.
 */
public interface TestServer extends AutoCloseable {

    /** A short name for test output, for example {@code zookeeper-3.9.3} or {@code warden}. */
    String name();

    /** The address the client port is bound to. */
    String host();

    /** The bound client port (never 0). */
    int clientPort();

    /** A connect string for the official client. */
    default String connectString() {
        return host() + ":" + clientPort();
    }

    @Override
    void close();
}
