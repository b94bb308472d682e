package io.warden.cli.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The sessions of one run: opened in turn over the servers given, kept alive by one
 * {@link Pinger}, and all closed at the end, even when the run failed half way.
 */
final class Sessions implements AutoCloseable {
    private final List<ServerAddress> servers;
    private final Pinger pinger = new Pinger();
    private final List<BenchConnection> opened = new ArrayList<>();

    Sessions(List<ServerAddress> servers) {
        this.servers = List.copyOf(servers);
    }

    /** Opens session number {@code index} on server {@code index mod servers}. */
    BenchConnection open(String name, int index, NotificationListener listener) throws BenchException {
        BenchConnection connection = BenchConnection.open(name, servers.get(index % servers.size()), listener);
        opened.add(connection);
        pinger.add(connection);
        return connection;
    }

    /** One line for every session the run lost, saying why. */
    List<String> losses() {
        List<String> lines = new ArrayList<>();
        for (BenchConnection connection : opened) {
            if (connection.failure() != null) {
                lines.add(connection + " lost: " + connection.failure());
            }
        }
        return lines;
    }

    /** Closes the sessions in the reverse order of opening. */
    @Override
    public void close() throws InterruptedException {
        pinger.close();
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }
}
