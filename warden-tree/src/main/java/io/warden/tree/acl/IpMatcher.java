package io.warden.tree.acl;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The ip scheme: an address or {@code address/prefixBits}, IPv4 or IPv6 literals only. */
final class IpMatcher {
    private IpMatcher() {
    }

    static boolean isValid(String aclId) {
        return parse(aclId) != null;
    }

    static boolean matches(String clientAddress, String aclId) {
        Cidr cidr = parse(aclId);
        byte[] client = literal(clientAddress);
        if (cidr == null || client == null || client.length != cidr.address.length) {
            return false;
        }
        int bits = cidr.prefixBits;
        for (int i = 0; i < client.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((client[i] & mask) != (cidr.address[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private record Cidr(byte[] address, int prefixBits) {
    }

    private static Cidr parse(String aclId) {
        if (aclId == null) {
            return null;
        }
        int slash = aclId.indexOf('/');
        byte[] address = literal(slash < 0 ? aclId : aclId.substring(0, slash));
        if (address == null) {
            return null;
        }
        int maxBits = address.length * 8;
        int bits = maxBits;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(aclId.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (bits < 0 || bits > maxBits) {
                return null;
            }
        }
        return new Cidr(address, bits);
    }

    /** The bytes of an IPv4 or IPv6 literal, or {@code null}; never a name lookup. */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            for (int i = 0; i < bare.length(); i++) {
                char c = bare.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%')) {
                    return null;
                }
            }
            try {
                return InetAddress.getByName(bare).getAddress();
            } catch (UnknownHostException | SecurityException e) {
                return null;
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }
}
