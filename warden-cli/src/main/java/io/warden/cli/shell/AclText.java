package io.warden.cli.shell;

import io.warden.wire.Acl;
import io.warden.wire.Id;
import io.warden.wire.Perms;
import java.util.ArrayList;
import java.util.List;

/**
 * ACLs as zkCli reads and prints them: {@code scheme:id:perms[,...]} with perms from
 * {@code cdrwa} on input; two lines per entry, {@code 'scheme,'id} and {@code : perms}, on output.
 */
final class AclText {
    private static final String LETTERS = "cdrwa";
    private static final int[] BITS = {Perms.CREATE, Perms.DELETE, Perms.READ, Perms.WRITE, Perms.ADMIN};

    private AclText() {
    }

    static List<String> lines(List<Acl> acl) {
        List<String> lines = new ArrayList<>();
        for (Acl entry : acl) {
            lines.add("'" + entry.id().scheme() + ",'" + entry.id().id());
            lines.add(": " + perms(entry.perms()));
        }
        return lines;
    }

    static String perms(int bits) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < BITS.length; i++) {
            if ((bits & BITS[i]) != 0) {
                text.append(LETTERS.charAt(i));
            }
        }
        return text.toString();
    }

    /** Parses {@code scheme:id:perms,...}; the id may itself hold colons (digest, IPv6). */
    static List<Acl> parse(String text) throws BadArgumentsException {
        List<Acl> acl = new ArrayList<>();
        for (String entry : text.split(",")) {
            int first = entry.indexOf(':');
            int last = entry.lastIndexOf(':');
            if (first <= 0 || last == first) {
                throw new BadArgumentsException(entry + " does not have the form scheme:id:perm");
            }
            acl.add(new Acl(parsePerms(entry.substring(last + 1), entry),
                    new Id(entry.substring(0, first), entry.substring(first + 1, last))));
        }
        return acl;
    }

    private static int parsePerms(String letters, String entry) throws BadArgumentsException {
        int bits = 0;
        for (char letter : letters.toCharArray()) {
            int index = LETTERS.indexOf(letter);
            if (index < 0) {
                throw new BadArgumentsException("unknown permission '" + letter + "' in " + entry
                        + " (permissions are letters of " + LETTERS + ")");
            }
            bits |= BITS[index];
        }
        return bits;
    }
}
