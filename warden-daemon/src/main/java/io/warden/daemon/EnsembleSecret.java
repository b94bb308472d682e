package io.warden.daemon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;

import io.warden.daemon.config.ServerMember;

/**
 * The key an ensemble's session passwords derive from. Every member must hold the same one, so
 * that a client keeps its session when it moves to another server. It is derived from the
 * membership every member reads from its {@code zoo.cfg} (ids, hosts and roles; not ports, which
 * a member may see through a proxy or a port mapping): anyone who can read that file can compute
 * passwords, which is what ZooKeeper offers too (its passwords derive from a constant).
 */
final class EnsembleSecret {
    private static final String DOMAIN = "warden ensemble session secret v2\n";

    private EnsembleSecret() {
    }

    static byte[] of(List<ServerMember> members) {
        StringBuilder text = new StringBuilder(DOMAIN);
        members.stream().sorted(Comparator.comparingLong(ServerMember::id))
                .forEach(m -> text.append(m.id()).append(' ').append(m.host()).append(' ')
                        .append(m.role().configName()).append('\n'));
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }
}
