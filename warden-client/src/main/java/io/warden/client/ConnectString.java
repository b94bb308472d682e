package io.warden.client;

import io.warden.common.ZnodePaths;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A ZooKeeper connect string: {@code host:port,host:port/chroot}. A host without a port gets 2181;
 * IPv6 addresses are written in brackets ({@code [::1]:2181}). A chroot of {@code /} is no chroot.
 * Host names are resolved on every connection attempt, not here.
 */
record ConnectString(List<InetSocketAddress> servers, Chroot chroot) {
    static final int DEFAULT_PORT = 2181;

    ConnectString {
        servers = List.copyOf(servers);
    }

    static ConnectString parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the connect string is empty");
        }
        int slash = text.indexOf('/');
        String hostPart = slash < 0 ? text : text.substring(0, slash);
        Chroot chroot = Chroot.NONE;
        if (slash >= 0) {
            String path = text.substring(slash);
            String problem = ZnodePaths.problem(path);
            if (problem != null) {
                throw new IllegalArgumentException("invalid chroot " + path + " in connect string " + text + ": "
                        + problem);
            }
            chroot = Chroot.of(path);
        }
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String entry : hostPart.split(",")) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                servers.add(parseServer(trimmed, text));
            }
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no server in connect string " + text);
        }
        return new ConnectString(servers, chroot);
    }

    private static InetSocketAddress parseServer(String entry, String whole) {
        String host;
        String portText = null;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed [ in " + entry + " of connect string " + whole);
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected :port after ] in " + entry + " of connect string "
                            + whole);
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = entry.lastIndexOf(':');
            if (colon >= 0 && entry.indexOf(':') != colon) {
                throw new IllegalArgumentException("an IPv6 address needs brackets ([::1]:2181): " + entry
                        + " of connect string " + whole);
            }
            host = colon < 0 ? entry : entry.substring(0, colon);
            portText = colon < 0 ? null : entry.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("empty host in " + entry + " of connect string " + whole);
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid port " + portText + " in connect string " + whole, e);
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " out of range in connect string " + whole);
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
