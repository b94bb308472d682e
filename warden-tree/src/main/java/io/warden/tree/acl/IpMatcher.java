package io.warden.tree.acl;

/** The ip scheme: an IPv4 address or {@code address/prefixBits}. */
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

    /**
     * The bytes of an IPv4 address, or {@code null}. As in ZooKeeper the scheme is IPv4 only, and
     * each part is read as a decimal integer in 0..255 (so {@code 0127} and {@code +1} are accepted).
     */
    static byte[] literal(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int value;
            try {
                value = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                return null;
            }
            if (value < 0 || value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }
}
