package io.warden.cli.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** One {@code host:port} the bench connects to. */
record ServerAddress(String host, int port) {
    ServerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code host:port[,host:port...]}; blanks around entries are ignored. */
    static List<ServerAddress> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no server given");
        }
        List<ServerAddress> addresses = new ArrayList<>();
        for (String entry : text.split(",")) {
            addresses.add(parse(entry.trim()));
        }
        return List.copyOf(addresses);
    }

    static ServerAddress parse(String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + entry + "'");
        }
        String host = entry.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(entry.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a port number in '" + entry + "'");
        }
        return new ServerAddress(host, port);
    }

    InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
