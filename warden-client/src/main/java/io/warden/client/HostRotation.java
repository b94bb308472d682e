package io.warden.client;

import io.warden.common.RandomSource;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The order in which servers are tried: shuffled once, so that clients spread over the ensemble,
 * then round robin. A round in which every server failed is reported, so that the session waits
 * before the next round instead of spinning.
 */
final class HostRotation {
    private final List<InetSocketAddress> servers;
    private int next;
    private int failuresSinceConnected;

    HostRotation(List<InetSocketAddress> servers, RandomSource random) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no servers");
        }
        List<InetSocketAddress> shuffled = new ArrayList<>(servers);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            InetSocketAddress swap = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, swap);
        }
        this.servers = List.copyOf(shuffled);
    }

    int size() {
        return servers.size();
    }

    /** The server to try next. */
    InetSocketAddress next() {
        InetSocketAddress server = servers.get(next);
        next = (next + 1) % servers.size();
        return server;
    }

    /** The last server tried took us in. */
    void connected() {
        failuresSinceConnected = 0;
    }

    /** The last server tried failed; true when that completes a round of failures. */
    boolean failed() {
        failuresSinceConnected++;
        return failuresSinceConnected % servers.size() == 0;
    }
}
