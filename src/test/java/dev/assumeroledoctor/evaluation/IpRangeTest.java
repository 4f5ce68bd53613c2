package dev.assumeroledoctor.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** "IP address condition operators": RFC 4632 CIDR, IPv4 and IPv6. */
class IpRangeTest {
    @Test
    void rejectsWhatIsNotACidr() {
        assertThat(IpRange.parse("203.0.113.0/33")).isEmpty();
        assertThat(IpRange.parse("256.0.0.1")).isEmpty();
        assertThat(IpRange.parse("example.com")).isEmpty();
        assertThat(IpRange.parse("10.0.0.0/x")).isEmpty();
    }

    @Test
    void partialPrefixBits() {
        IpRange range = IpRange.parse("10.0.0.0/9").orElseThrow();
        assertThat(range.contains("10.127.255.255")).isTrue();
        assertThat(range.contains("10.128.0.0")).isFalse();
    }

    @Test
    void ipv4AddressIsNotInAnIpv6Range() {
        assertThat(IpRange.parse("::/0").orElseThrow().contains("10.0.0.1")).isFalse();
    }
}
