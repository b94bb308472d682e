package io.warden.server;

/** Server-wide counters for the srvr, stat and mntr commands. */
final class ServerStats {
    long packetsReceived;
    long packetsSent;
    final LatencyStats latency = new LatencyStats();

    void reset() {
        packetsReceived = 0;
        packetsSent = 0;
        latency.reset();
    }
}
