package io.warden.tree.acl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ip scheme: exact addresses and CIDR prefixes, IPv4 and IPv6. */
class IpMatcherTest {

    @Test
    void exactAddress() {
        assertThat(IpMatcher.matches("10.1.2.3", "10.1.2.3")).isTrue();
        assertThat(IpMatcher.matches("10.1.2.4", "10.1.2.3")).isFalse();
    }

    @Test
    void byteAlignedPrefix() {
        assertThat(IpMatcher.matches("192.168.7.9", "192.168.0.0/16")).isTrue();
        assertThat(IpMatcher.matches("192.169.7.9", "192.168.0.0/16")).isFalse();
    }

    @Test
    void unalignedPrefix() {
        assertThat(IpMatcher.matches("10.1.16.0", "10.1.16.0/20")).isTrue();
        assertThat(IpMatcher.matches("10.1.31.255", "10.1.16.0/20")).isTrue();
        assertThat(IpMatcher.matches("10.1.32.0", "10.1.16.0/20")).isFalse();
        assertThat(IpMatcher.matches("10.1.15.255", "10.1.16.0/20")).isFalse();
    }

    @Test
    void hostBitsOfTheAclAddressAreIgnored() {
        assertThat(IpMatcher.matches("10.9.9.9", "10.200.3.4/8")).isTrue();
    }

    @Test
    void zeroPrefixMatchesEveryAddressOfTheFamily() {
        assertThat(IpMatcher.matches("203.0.113.5", "0.0.0.0/0")).isTrue();
        assertThat(IpMatcher.matches("::1", "0.0.0.0/0")).isFalse();
    }

    @Test
    void theSchemeIsIpv4OnlyAsInZooKeeper() {
        assertThat(IpMatcher.matches("2001:db8::1", "2001:db8::/32")).isFalse();
        assertThat(IpMatcher.matches("::1", "::1")).isFalse();
        assertThat(IpMatcher.matches("127.0.0.1", "::ffff:127.0.0.1")).isFalse();
        assertThat(IpMatcher.matches("127.0.0.1", "0127.0.0.1")).isTrue();
    }

    @Test
    void malformedNeverMatches() {
        assertThat(IpMatcher.matches("10.1.2.3", "10.1.2.3/40")).isFalse();
        assertThat(IpMatcher.matches("not-an-ip", "10.1.2.3")).isFalse();
        assertThat(IpMatcher.matches("10.1.2.3", "")).isFalse();
        assertThat(IpMatcher.literal("localhost")).isNull();
        assertThat(IpMatcher.literal("1.2.3.4.5")).isNull();
        assertThat(IpMatcher.literal("01.2.3.256")).isNull();
    }
}
