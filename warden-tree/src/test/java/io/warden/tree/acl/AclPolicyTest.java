package io.warden.tree.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.Perms;
import org.junit.jupiter.api.Test;

/** ACL validation, auth expansion, permission checks and redaction (§5.2). */
class AclPolicyTest {
    private static final Id IP = new Id("ip", "10.1.2.3");
    private static final Id ALICE = new Id("digest", "alice:" + sha1Base64("alice:secret"));

    static String sha1Base64(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void digestIdIsUserColonBase64OfSha1OfTheCredentials() {
        assertThat(Digests.idFor("alice:secret")).isEqualTo(ALICE.id());
        assertThat(Digests.idFor("bob:pa:ss")).isEqualTo("bob:" + sha1Base64("bob:pa:ss"));
        assertThat(Digests.idFor("\u00e9t\u00e9:x")).isEqualTo("\u00e9t\u00e9:" + sha1Base64("\u00e9t\u00e9:x"));
    }

    @Test
    void nullOrEmptyListIsInvalid() {
        assertThat(AclPolicy.fixup(null, List.of(IP)).acl()).isNull();
        assertThat(AclPolicy.fixup(List.of(), List.of(IP)).acl()).isNull();
    }

    @Test
    void worldAnyoneIsKeptAndOtherWorldIdsAreInvalid() {
        assertThat(AclPolicy.fixup(Acl.OPEN_ACL_UNSAFE, List.of()).acl()).isEqualTo(Acl.OPEN_ACL_UNSAFE);
        assertThat(AclPolicy.fixup(List.of(new Acl(Perms.ALL, new Id("world", "someone"))), List.of()).acl()).isNull();
    }

    @Test
    void unknownSchemesAreInvalid() {
        assertThat(AclPolicy.fixup(List.of(new Acl(Perms.READ, new Id("foo", "bar"))), List.of()).acl()).isNull();
        assertThat(AclPolicy.fixup(List.of(new Acl(Perms.READ, new Id("super", ""))), List.of()).acl()).isNull();
    }

    @Test
    void digestIdNeedsExactlyOneColon() {
        assertThat(AclPolicy.fixup(List.of(new Acl(Perms.READ, ALICE)), List.of()).acl()).containsExactly(
                new Acl(Perms.READ, ALICE));
        assertThat(AclPolicy.fixup(List.of(new Acl(Perms.READ, new Id("digest", "nocolon"))), List.of()).acl()).isNull();
        assertThat(AclPolicy.fixup(List.of(new Acl(Perms.READ, new Id("digest", "a:b:c"))), List.of()).acl()).isNull();
    }

    @Test
    void ipIdMustBeAnIpv4AddressOrCidrAsInZooKeeper() {
        for (String valid : new String[] {"10.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "0127.0.0.1", "+127.0.0.1",
                "-0.0.0.0/0"}) {
            assertThat(AclPolicy.fixup(List.of(new Acl(Perms.READ, new Id("ip", valid))), List.of()).acl()).as(valid)
                    .isNotNull();
        }
        for (String invalid : new String[] {"10.0.0.0/33", "999.0.0.1", "10.0.0", "host.example", "", "10.0.0.1/x",
                "10.0.0.1/-1", "::1", "2001:db8::/32", "::ffff:127.0.0.1"}) {
            assertThat(AclPolicy.fixup(List.of(new Acl(Perms.READ, new Id("ip", invalid))), List.of()).acl()).as(invalid)
                    .isNull();
        }
    }

    @Test
    void authExpandsToEveryAuthenticatedIdentityButNotIp() {
        Id x509 = new Id("x509", "CN=a");
        List<Acl> fixed = AclPolicy.fixup(List.of(new Acl(Perms.READ | Perms.WRITE, Id.AUTH_IDS)),
                List.of(IP, ALICE, x509)).acl();
        assertThat(fixed).containsExactly(new Acl(Perms.READ | Perms.WRITE, ALICE),
                new Acl(Perms.READ | Perms.WRITE, x509));
    }

    @Test
    void authWithoutAuthenticatedIdentityIsInvalid() {
        assertThat(AclPolicy.fixup(Acl.CREATOR_ALL_ACL, List.of(IP)).acl()).isNull();
        assertThat(AclPolicy.fixup(Acl.CREATOR_ALL_ACL, List.of()).acl()).isNull();
    }

    @Test
    void duplicatesAreDropped() {
        List<Acl> fixed = AclPolicy.fixup(List.of(new Acl(Perms.READ, Id.ANYONE), new Acl(Perms.ALL, ALICE),
                new Acl(Perms.READ, Id.ANYONE), new Acl(Perms.ALL, Id.AUTH_IDS)), List.of(ALICE)).acl();
        assertThat(fixed).containsExactly(new Acl(Perms.READ, Id.ANYONE), new Acl(Perms.ALL, ALICE));
    }

    @Test
    void entriesWithoutAnIdFailAsInZooKeeperWhereItCannotProcessThem() {
        Acl worldWithoutId = new Acl(Perms.ALL, new Id("world", null));
        Acl digestWithoutId = new Acl(Perms.ALL, new Id("digest", null));
        Acl ipWithoutId = new Acl(Perms.ALL, new Id("ip", null));
        Acl noScheme = new Acl(Perms.ALL, new Id(null, "x"));
        for (Acl acl : List.of(worldWithoutId, digestWithoutId, ipWithoutId)) {
            assertThat(AclPolicy.fixup(List.of(acl), List.of()).error()).as("%s", acl)
                    .isEqualTo(ErrorCode.MARSHALLINGERROR);
        }
        assertThat(AclPolicy.fixup(List.of(noScheme), List.of()).error()).isEqualTo(ErrorCode.INVALIDACL);
        assertThat(AclPolicy.fixup(List.of(new Acl(Perms.ALL, new Id("foo", null))), List.of()).error())
                .as("no server provider for the scheme").isEqualTo(ErrorCode.INVALIDACL);
        assertThat(AclPolicy.fixup(List.of(new Acl(Perms.ALL, new Id("auth", null))), List.of(ALICE)).acl())
                .as("auth ignores its id").containsExactly(new Acl(Perms.ALL, ALICE));
        assertThat(AclPolicy.fixup(List.of(noScheme, worldWithoutId), List.of()).error())
                .as("the first bad entry decides").isEqualTo(ErrorCode.INVALIDACL);
        assertThat(AclPolicy.fixup(List.of(Acl.OPEN_ACL_UNSAFE.get(0), digestWithoutId), List.of()).error())
                .isEqualTo(ErrorCode.MARSHALLINGERROR);
    }

    @Test
    void duplicateRemovalCannotCompareEntriesWithoutSchemeOrId() {
        Acl noScheme = new Acl(Perms.ALL, new Id(null, "x"));
        assertThat(AclPolicy.fixup(List.of(noScheme, noScheme), List.of()).error())
                .as("two entries without a scheme and the same permissions").isEqualTo(ErrorCode.MARSHALLINGERROR);
        assertThat(AclPolicy.fixup(List.of(new Acl(Perms.READ, new Id(null, "x")), noScheme), List.of()).error())
                .as("different permissions are never compared").isEqualTo(ErrorCode.INVALIDACL);
        assertThat(AclPolicy.fixup(List.of(new Acl(Perms.ALL, new Id("foo", "a")), new Acl(Perms.ALL,
                new Id("foo", null))), List.of()).error()).as("same scheme, no id").isEqualTo(
                ErrorCode.MARSHALLINGERROR);
    }

    /**
     * ZooKeeper's duplicate removal, spelled out: each entry is compared with every kept entry in
     * turn; a comparison with equal permissions reads the new entry's scheme, and with equal
     * schemes its id. {@code null} where reading a missing scheme or id would fail.
     */
    private static Boolean naiveDuplicate(Acl acl, List<Acl> kept) {
        for (Acl earlier : kept) {
            if (acl.perms() != earlier.perms()) {
                continue;
            }
            if (acl.id().scheme() == null) {
                return null;
            }
            if (!acl.id().scheme().equals(earlier.id().scheme())) {
                continue;
            }
            if (acl.id().id() == null) {
                return null;
            }
            if (acl.id().id().equals(earlier.id().id())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void duplicateRemovalAgreesWithComparingEveryPair() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261206);
        String[] schemes = {"world", "digest", "foo", null};
        String[] ids = {"anyone", "u:h", "x", null};
        for (int round = 0; round < 5000; round++) {
            List<Acl> requested = new java.util.ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                requested.add(new Acl(random.nextInt(3), new Id(schemes[random.nextInt(4)], ids[random.nextInt(4)])));
            }
            List<Acl> kept = new java.util.ArrayList<>();
            ErrorCode expected = null;
            for (Acl acl : requested) {
                Boolean duplicate = naiveDuplicate(acl, kept);
                if (duplicate == null) {
                    expected = ErrorCode.MARSHALLINGERROR;
                    break;
                }
                if (!duplicate) {
                    kept.add(acl);
                }
            }
            AclPolicy.Fixup fixup = AclPolicy.fixup(requested, List.of(ALICE));
            if (expected != null) {
                assertThat(fixup.error()).as("seed 20261206 round %d: %s", round, requested).isEqualTo(expected);
            } else {
                assertThat(fixup).as("seed 20261206 round %d: %s is %s without duplicates", round, requested, kept)
                        .isEqualTo(AclPolicy.fixup(kept, List.of(ALICE)));
            }
        }
    }

    @Test
    void aLongAclKeepsEachEntryOnce() {
        List<Acl> requested = new java.util.ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            requested.add(new Acl(Perms.READ, new Id("digest", "user" + i + ":hash")));
        }
        requested.add(new Acl(Perms.READ, new Id("digest", "user7:hash")));
        AclPolicy.Fixup fixup = AclPolicy.fixup(requested, List.of());
        assertThat(fixup.acl()).hasSize(50_000);
    }

    @Test
    void emptyAclAllowsEverything() {
        assertThat(AclPolicy.allows(List.of(), Perms.ADMIN, List.of())).isTrue();
    }

    @Test
    void worldAnyoneGrantsOnlyItsBits() {
        assertThat(AclPolicy.allows(Acl.READ_ACL_UNSAFE, Perms.READ, List.of())).isTrue();
        assertThat(AclPolicy.allows(Acl.READ_ACL_UNSAFE, Perms.WRITE, List.of(IP))).isFalse();
    }

    @Test
    void digestMatchesTheExactIdentity() {
        List<Acl> acl = List.of(new Acl(Perms.ALL, ALICE));
        assertThat(AclPolicy.allows(acl, Perms.WRITE, List.of(IP, ALICE))).isTrue();
        assertThat(AclPolicy.allows(acl, Perms.WRITE, List.of(IP))).isFalse();
        Id wrongPassword = new Id("digest", Digests.idFor("alice:guess"));
        assertThat(AclPolicy.allows(acl, Perms.WRITE, List.of(wrongPassword))).isFalse();
        assertThat(AclPolicy.allows(acl, Perms.WRITE, List.of(new Id("ip", ALICE.id())))).as("scheme must match")
                .isFalse();
    }

    @Test
    void ipMatchesByPrefix() {
        List<Acl> acl = List.of(new Acl(Perms.READ, new Id("ip", "10.1.0.0/16")));
        assertThat(AclPolicy.allows(acl, Perms.READ, List.of(IP))).isTrue();
        assertThat(AclPolicy.allows(acl, Perms.READ, List.of(new Id("ip", "10.2.0.1")))).isFalse();
    }

    @Test
    void superPassesEveryCheck() {
        List<Acl> acl = List.of(new Acl(Perms.READ, ALICE));
        assertThat(AclPolicy.allows(acl, Perms.ADMIN, List.of(IP, new Id("super", "")))).isTrue();
    }

    @Test
    void redactionMasksDigestPasswordsOnly() {
        List<Acl> acl = List.of(new Acl(Perms.ALL, ALICE), new Acl(Perms.READ, IP), new Acl(Perms.READ, Id.ANYONE));
        assertThat(AclPolicy.redacted(acl)).containsExactly(new Acl(Perms.ALL, new Id("digest", "alice:x")),
                new Acl(Perms.READ, IP), new Acl(Perms.READ, Id.ANYONE));
    }
}
