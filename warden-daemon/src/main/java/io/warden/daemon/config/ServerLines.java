package io.warden.daemon.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code server.N=host:peerPort:electionPort[:participant|observer][;[clientHost:]clientPort]}
 * as ZooKeeper 3.9's {@code QuorumServer} does: three or four {@code :}-separated parts, IPv6 hosts
 * in brackets, the role word in any case, and an optional client part after {@code ;} that is a
 * port or {@code host:port}. Multiple addresses joined by {@code |} (ZooKeeper's {@code
 * multiAddress}) are not supported.
 */
final class ServerLines {
    static final String PREFIX = "server.";
    private static final String FORM =
            "host:peerPort:electionPort[:participant|observer][;[clientHost:]clientPort]";

    private ServerLines() {}

    static ServerMember parse(RawValue v) throws ConfigException {
        long id = id(v);
        String text = v.text();
        String[] serverAndClient = text.split(";", -1);
        if (serverAndClient.length > 2) {
            throw v.expected(FORM);
        }
        if (serverAndClient[0].contains("|")) {
            throw v.error("multiple addresses per server ('|') are not supported, got '" + text + "'");
        }
        List<String> parts = hostAndPorts(serverAndClient[0], v);
        if (parts.size() < 3 || parts.size() > 4) {
            throw v.expected(FORM);
        }
        String host = hostPart(parts.get(0), v);
        int peerPort = portPart(parts.get(1), v);
        int electionPort = portPart(parts.get(2), v);
        if (peerPort == electionPort) {
            throw v.error("the peer port and the election port must differ, got '" + text + "'");
        }
        PeerRole role = PeerRole.PARTICIPANT;
        if (parts.size() == 4) {
            role = PeerRole.fromConfig(parts.get(3));
            if (role == null) {
                throw v.error("expected the role participant or observer, got '" + parts.get(3) + "'");
            }
        }
        Endpoint client = serverAndClient.length == 2 ? client(serverAndClient[1], v) : null;
        return new ServerMember(id, host, peerPort, electionPort, role, client);
    }

    /** The {@code N} of {@code server.N}: digits only. */
    static long id(RawValue v) throws ConfigException {
        String digits = v.key().substring(PREFIX.length());
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw v.error("expected a server id (a non-negative integer) after 'server.', got '" + digits + "'");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw v.error("server id too large: '" + digits + "'");
        }
    }

    private static Endpoint client(String text, RawValue v) throws ConfigException {
        List<String> parts = hostAndPorts(text, v);
        if (parts.size() == 1) {
            return new Endpoint(null, portPart(parts.get(0), v));
        }
        if (parts.size() == 2) {
            return new Endpoint(hostPart(parts.get(0), v), portPart(parts.get(1), v));
        }
        throw v.expected(FORM);
    }

    /** Splits on {@code :}, treating a leading {@code [ipv6]} as one part (brackets removed). */
    private static List<String> hostAndPorts(String text, RawValue v) throws ConfigException {
        List<String> parts = new ArrayList<>();
        String rest = text;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw v.error("unterminated '[' in '" + v.text() + "'");
            }
            parts.add(text.substring(1, close));
            rest = text.substring(close + 1);
            if (rest.isEmpty()) {
                return parts;
            }
            if (!rest.startsWith(":")) {
                throw v.expected(FORM);
            }
            rest = rest.substring(1);
        }
        parts.addAll(List.of(rest.split(":", -1)));
        return parts;
    }

    private static String hostPart(String text, RawValue v) throws ConfigException {
        if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
            throw v.error("expected a host name or address, got '" + text + "'");
        }
        return text;
    }

    private static int portPart(String text, RawValue v) throws ConfigException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw v.error("expected " + Values.PORT + ", got '" + text + "'");
    }
}
