package io.warden.daemon.admin;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

import io.warden.tree.acl.Digests;
import io.warden.wire.Id;

/**
 * Reads the {@code Authorization} header of a command that changes state, as ZooKeeper 3.9's
 * AdminServer does: {@code <scheme> <auth data>}, the scheme's provider turning the data into
 * identities, which the driver then checks against the root node's ACL for ALL. Schemes:
 * {@code digest} ({@code user:password}) and {@code ip} (the connection's own address: no
 * forwarded-for header is trusted). ZooKeeper's {@code x509} needs TLS, which Warden's
 * AdminServer does not serve, so it is refused like any other unknown scheme.
 */
final class AdminAuth {
    /** ZooKeeper's error when the header is missing. */
    static final String MISSING = "Auth info is missing for the command";
    /** ZooKeeper's error when the header cannot be authenticated. */
    static final String NOT_AUTHENTICATED = "Not authenticated";
    /** ZooKeeper's error when the identities lack ALL on the root node. */
    static final String NOT_AUTHORIZED = "Not authorized";

    private AdminAuth() {
    }

    /**
     * ZooKeeper's 401 for a request without the header or with one that proves no identity (it
     * names the command as requested), or null when the header proves identities.
     */
    static AdminAnswer refusal(String header, SocketAddress remote, String asRequested) {
        if (header == null) {
            return AdminAnswer.error(401, asRequested, MISSING);
        }
        return identities(header, remote) == null ? AdminAnswer.error(401, asRequested, NOT_AUTHENTICATED) : null;
    }

    /** The identities the header proves, or null when it proves none (401 {@link #NOT_AUTHENTICATED}). */
    static List<Id> identities(String header, SocketAddress remote) {
        int space = header.indexOf(' ');
        if (space <= 0 || space == header.length() - 1) {
            return null;
        }
        String scheme = header.substring(0, space);
        String data = header.substring(space + 1);
        return switch (scheme) {
            case "digest" -> data.indexOf(':') > 0 ? List.of(new Id("digest", Digests.idFor(data))) : null;
            case "ip" -> remote instanceof InetSocketAddress address && address.getAddress() != null
                    ? List.of(new Id("ip", address.getAddress().getHostAddress())) : null;
            default -> null;
        };
    }
}
