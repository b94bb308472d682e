package io.warden.tree.acl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.warden.wire.Acl;
import io.warden.wire.Id;

/** ACL rules: validating and expanding a client's ACL list, and checking a permission. */
public final class AclPolicy {
    public static final String SUPER = "super";

    private AclPolicy() {
    }

    /**
     * The ACL list to store for a create or setACL: {@code auth} entries replaced by the caller's
     * authenticated identities, duplicates dropped. {@code null} when the list is invalid
     * (INVALIDACL): empty, an unknown scheme, a malformed id, or {@code auth} with no identity.
     */
    public static List<Acl> fixup(List<Acl> requested, List<Id> identities) {
        if (requested == null || requested.isEmpty()) {
            return null;
        }
        Set<Acl> result = new LinkedHashSet<>();
        for (Acl acl : requested) {
            Id id = acl.id();
            if (id == null || id.scheme() == null || id.id() == null) {
                return null;
            }
            if (id.scheme().equals("world") && id.id().equals("anyone")) {
                result.add(acl);
            } else if (id.scheme().equals("auth")) {
                boolean any = false;
                for (Id identity : identities) {
                    if (isAuthenticatedScheme(identity.scheme())) {
                        result.add(new Acl(acl.perms(), identity));
                        any = true;
                    }
                }
                if (!any) {
                    return null;
                }
            } else if (isValidId(id)) {
                result.add(acl);
            } else {
                return null;
            }
        }
        return List.copyOf(new ArrayList<>(result));
    }

    /** Identities of these schemes stand for a verified user; ip is only an address. */
    private static boolean isAuthenticatedScheme(String scheme) {
        return scheme.equals("digest") || scheme.equals("x509") || scheme.equals("sasl");
    }

    static boolean isValidId(Id id) {
        return switch (id.scheme()) {
            case "digest" -> id.id().split(":").length == 2;
            case "ip" -> IpMatcher.isValid(id.id());
            default -> false;
        };
    }

    /** Whether {@code identities} hold {@code perm} under {@code acl}. */
    public static boolean allows(List<Acl> acl, int perm, List<Id> identities) {
        if (acl == null || acl.isEmpty()) {
            return true;
        }
        for (Id identity : identities) {
            if (identity.scheme().equals(SUPER)) {
                return true;
            }
        }
        for (Acl entry : acl) {
            if ((entry.perms() & perm) == 0) {
                continue;
            }
            Id id = entry.id();
            if (id.scheme().equals("world") && id.id().equals("anyone")) {
                return true;
            }
            for (Id identity : identities) {
                if (identity.scheme().equals(id.scheme()) && matches(id, identity.id())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(Id aclId, String identity) {
        return switch (aclId.scheme()) {
            case "ip" -> IpMatcher.matches(identity, aclId.id());
            default -> identity.equals(aclId.id());
        };
    }

    /** The ACL as a caller without ADMIN sees it: digest ids masked as {@code user:x}. */
    public static List<Acl> redacted(List<Acl> acl) {
        List<Acl> result = new ArrayList<>(acl.size());
        for (Acl entry : acl) {
            if (entry.id().scheme().equals("digest")) {
                String id = entry.id().id();
                int colon = id.indexOf(':');
                String user = colon < 0 ? id : id.substring(0, colon);
                result.add(new Acl(entry.perms(), new Id("digest", user + ":x")));
            } else {
                result.add(entry);
            }
        }
        return result;
    }
}
