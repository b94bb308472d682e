package io.warden.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.warden.daemon.config.ServerConfig;
import io.warden.daemon.config.ServerMember;

/**
 * The key an ensemble's session passwords derive from. Every member must hold the same one, so
 * that a client keeps its session when it moves to another server. It is derived from the
 * membership every member reads from its {@code zoo.cfg} (ids, hosts and roles; not ports, which
 * a member may see through a proxy or a port mapping): anyone who can read that file can compute
 * passwords, which is what ZooKeeper offers too (its passwords derive from a constant). With
 * {@code warden.sessionSecretFile} the secret is the digest of that file's bytes instead.
 */
final class EnsembleSecret {
    private static final String DOMAIN = "warden ensemble session secret v2\n";

    private EnsembleSecret() {
    }

    /** The shortest secret file taken: 128 bits. */
    static final int FILE_BYTES_MIN = 16;
    /** The longest secret file taken. */
    static final int FILE_BYTES_MAX = 4096;

    /**
     * The secret of {@code config}'s ensemble: the bytes of {@code warden.sessionSecretFile} when
     * it is set (the same file on every member; nobody without it can compute a password), else
     * derived from the membership.
     */
    static byte[] of(ServerConfig config) throws IOException {
        Path file = config.sessionSecretFile();
        if (file == null) {
            return of(config.members());
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " (warden.sessionSecretFile) is missing", e);
        }
        if (size < FILE_BYTES_MIN || size > FILE_BYTES_MAX) {
            throw new IOException(file + " (warden.sessionSecretFile): " + size + " bytes; a session secret needs "
                    + FILE_BYTES_MIN + " to " + FILE_BYTES_MAX + " (for example: head -c 32 /dev/urandom > " + file
                    + ")");
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }

    /** A warning when the secret file can be read by others than its owner. */
    static Optional<String> readableByOthers(ServerConfig config) {
        Path file = config.sessionSecretFile();
        if (file == null) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                return Optional.of(file + " (warden.sessionSecretFile) can be read by others than its owner: whoever"
                        + " reads it can compute any session's password (chmod 600 it)");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX permissions to look at
        }
        return Optional.empty();
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
