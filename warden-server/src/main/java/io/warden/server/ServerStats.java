package io.warden.server;

/** Server-wide counters for the srvr, stat and mntr commands. */
final class ServerStats {
    long packetsReceived;
    long packetsSent;
    /** Requests whose handling threw; each closed its connection. Not reset by srst. */
    long requestFailures;
    /** Connect requests (handshakes) received, ZooKeeper's zk_connection_request_count. Not reset by srst. */
    long connectionRequests;
    final LatencyStats latency = new LatencyStats();

    void reset() {
        packetsReceived = 0;
        packetsSent = 0;
        latency.reset();
    }
}
