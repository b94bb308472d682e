package io.warden.cli.tools;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import io.warden.wire.Acl;
import io.warden.wire.Perms;

/** How the tools print zxids, times, data, ACLs and ephemeral owners. */
final class Formats {
    static final int PREVIEW_CHARS_MAX = 40;
    static final int PREVIEW_BYTES_MAX = 16;
    private static final long CONTAINER_OWNER = 0x8000_0000_0000_0000L;
    private static final long TTL_OWNER = 0xFF00_0000_0000_0000L;

    private Formats() {
    }

    /** {@code 1 node}, {@code 2 nodes}. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    static String time(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    /** Length and a short preview: quoted text when the data is printable UTF-8, else hex. */
    static String data(byte[] data) {
        if (data == null) {
            return "null";
        }
        if (data.length == 0) {
            return "0 bytes";
        }
        return data.length + (data.length == 1 ? " byte " : " bytes ") + preview(data);
    }

    static String preview(byte[] data) {
        String text = printableText(data);
        if (text != null) {
            boolean cut = text.length() > PREVIEW_CHARS_MAX;
            String shown = cut ? text.substring(0, PREVIEW_CHARS_MAX) : text;
            return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" + (cut ? "..." : "");
        }
        int shown = Math.min(data.length, PREVIEW_BYTES_MAX);
        return "0x" + HexFormat.of().formatHex(data, 0, shown) + (shown < data.length ? "..." : "");
    }

    /** The data as text when it is valid UTF-8 without control characters, else null. */
    private static String printableText(byte[] data) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return null;
            }
        }
        return text;
    }

    /** Permissions as ZooKeeper's shell prints them: c d r w a. */
    static String perms(int perms) {
        StringBuilder letters = new StringBuilder();
        letters.append((perms & Perms.CREATE) != 0 ? 'c' : '-');
        letters.append((perms & Perms.DELETE) != 0 ? 'd' : '-');
        letters.append((perms & Perms.READ) != 0 ? 'r' : '-');
        letters.append((perms & Perms.WRITE) != 0 ? 'w' : '-');
        letters.append((perms & Perms.ADMIN) != 0 ? 'a' : '-');
        int unknown = perms & ~Perms.ALL;
        return unknown == 0 ? letters.toString() : letters + "+" + hex(unknown);
    }

    static String acl(List<Acl> acl) {
        if (acl == null) {
            return "null";
        }
        if (acl.isEmpty()) {
            return "[]";
        }
        StringBuilder text = new StringBuilder();
        for (Acl entry : acl) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(entry.id().scheme()).append(':').append(entry.id().id()).append(' ')
                    .append(perms(entry.perms()));
        }
        return text.toString();
    }

    /** The stored ephemeral owner, with what it means. */
    static String owner(long owner) {
        if (owner == 0) {
            return "0x0";
        }
        if (owner == CONTAINER_OWNER) {
            return hex(owner) + " (container)";
        }
        if ((owner & 0xFFFF_FF00_0000_0000L) == TTL_OWNER) {
            return hex(owner) + " (ttl " + (owner & 0xFF_FFFF_FFFFL) + " ms)";
        }
        return hex(owner) + " (session)";
    }
}
