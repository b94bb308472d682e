package io.warden.tree.acl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;

/** ACL rules: validating and expanding a client's ACL list, and checking a permission. */
public final class AclPolicy {
    public static final String SUPER = "super";

    private AclPolicy() {
    }

    /** What {@link #fixup} made of a requested ACL list: the list to store, or why there is none. */
    public record Fixup(List<Acl> acl, ErrorCode error) {
        static Fixup refused(ErrorCode error) {
            return new Fixup(null, error);
        }
    }

    /**
     * The ACL list to store for a create or setACL: {@code auth} entries replaced by the caller's
     * authenticated identities, duplicates dropped. INVALIDACL when the list is empty or null, an
     * entry has no scheme or an unknown one, an id is malformed, or {@code auth} finds no
     * identity. MARSHALLINGERROR where ZooKeeper fails to process the list at all: an entry of the
     * {@code world}, {@code digest} or {@code ip} scheme without an id, or an entry without a
     * scheme (or with a scheme but no id) that has to be compared with an earlier entry of the same
     * permissions while duplicates are removed. Entries are checked in order, so the first problem
     * decides, as in ZooKeeper.
     */
    public static Fixup fixup(List<Acl> requested, List<Id> identities) {
        if (requested == null) {
            return Fixup.refused(ErrorCode.INVALIDACL);
        }
        List<Acl> unique = new ArrayList<>(requested.size());
        Earlier earlier = new Earlier();
        for (Acl acl : requested) {
            if (acl == null) {
                return Fixup.refused(ErrorCode.INVALIDACL);
            }
            Boolean duplicate = earlier.isDuplicate(acl);
            if (duplicate == null) {
                return Fixup.refused(ErrorCode.MARSHALLINGERROR);
            }
            if (!duplicate) {
                unique.add(acl);
                earlier.add(acl);
            }
        }
        if (unique.isEmpty()) {
            return Fixup.refused(ErrorCode.INVALIDACL);
        }
        Set<Acl> result = new LinkedHashSet<>();
        for (Acl acl : unique) {
            Id id = acl.id();
            if (id == null || id.scheme() == null) {
                return Fixup.refused(ErrorCode.INVALIDACL);
            }
            if (id.scheme().equals("world") && id.id() == null) {
                return Fixup.refused(ErrorCode.MARSHALLINGERROR);
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
                    return Fixup.refused(ErrorCode.INVALIDACL);
                }
            } else if (!hasProvider(id.scheme())) {
                return Fixup.refused(ErrorCode.INVALIDACL);
            } else if (id.id() == null) {
                return Fixup.refused(ErrorCode.MARSHALLINGERROR);
            } else if (isValidId(id)) {
                result.add(acl);
            } else {
                return Fixup.refused(ErrorCode.INVALIDACL);
            }
        }
        return new Fixup(List.copyOf(new ArrayList<>(result)), null);
    }

    /**
     * The entries kept so far, indexed so that each new entry is compared with them in constant
     * time, the way ZooKeeper's duplicate removal compares it with each earlier entry in turn: two
     * entries compare only when their permissions are equal; then the new entry's scheme is
     * compared, and, when the schemes are equal, its id.
     */
    private static final class Earlier {
        private final Set<Integer> perms = new HashSet<>();
        private final Set<List<Object>> permsAndScheme = new HashSet<>();
        private final Set<List<Object>> whole = new HashSet<>();

        void add(Acl acl) {
            if (acl.id() == null) {
                return;
            }
            perms.add(acl.perms());
            if (acl.id().scheme() != null) {
                permsAndScheme.add(Arrays.asList(acl.perms(), acl.id().scheme()));
                whole.add(Arrays.asList(acl.perms(), acl.id().scheme(), acl.id().id()));
            }
        }

        /**
         * Whether {@code acl} equals an earlier entry; {@code null} where ZooKeeper cannot make the
         * comparison (it has the permissions of an earlier entry and no scheme, or also its
         * scheme and no id).
         */
        Boolean isDuplicate(Acl acl) {
            if (acl.id() == null || !perms.contains(acl.perms())) {
                return false;
            }
            String scheme = acl.id().scheme();
            if (scheme == null) {
                return null;
            }
            if (!permsAndScheme.contains(Arrays.asList(acl.perms(), scheme))) {
                return false;
            }
            if (acl.id().id() == null) {
                return null;
            }
            return whole.contains(Arrays.asList(acl.perms(), scheme, acl.id().id()));
        }
    }

    /** The schemes whose ids a ZooKeeper server can validate out of the box. */
    private static boolean hasProvider(String scheme) {
        return scheme.equals("digest") || scheme.equals("ip");
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
