package io.jobsettings.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every special-purpose range a target may not use, at its first and last address, and the addresses just outside
 * it: allowed, or refused where the neighbour is itself special (none where the range ends the address space).
 */
class TargetAddressRangesTest {

    private final TargetAddressPolicy strict = new TargetAddressPolicy(false, host -> {
        throw new UnknownHostException(host);
    });

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0/8          | none    | allowed
            10.0.0.0/8         | allowed | allowed
            100.64.0.0/10      | allowed | allowed
            127.0.0.0/8        | allowed | allowed
            169.254.0.0/16     | allowed | allowed
            172.16.0.0/12      | allowed | allowed
            192.0.0.0/24       | allowed | allowed
            192.0.2.0/24       | allowed | allowed
            192.88.99.0/24     | allowed | allowed
            192.168.0.0/16     | allowed | allowed
            198.18.0.0/15      | allowed | allowed
            198.51.100.0/24    | allowed | allowed
            203.0.113.0/24     | allowed | allowed
            224.0.0.0/4        | allowed | refused
            240.0.0.0/4        | refused | none
            255.255.255.255/32 | refused | none
            """)
    void refusesEveryIpv4SpecialRangeToItsEdges(String range, String below, String above) throws UnknownHostException {
        assertRefusedWithin(range, below, above);
    }

    /** ::/8 is reserved as a whole; in it only IPv4-mapped and NAT64 addresses are judged by their IPv4 address. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ::/128          | none    | refused
            ::1/128         | refused | refused
            ::/8            | none    | refused
            ::ffff:0:0:0/96 | refused | refused
            100::/64        | refused | allowed
            64:ff9b:1::/48  | refused | refused
            2001::/23       | allowed | allowed
            2001:db8::/32   | allowed | allowed
            2002::/16       | allowed | allowed
            3fff::/20       | allowed | allowed
            5f00::/16       | allowed | allowed
            fc00::/7        | allowed | allowed
            fe80::/10       | allowed | refused
            fec0::/10       | refused | refused
            ff00::/8        | refused | none
            """)
    void refusesEveryIpv6SpecialRangeToItsEdges(String range, String below, String above) throws UnknownHostException {
        assertRefusedWithin(range, below, above);
    }

    /** IPv4-mapped and NAT64 addresses are as safe as the IPv4 address inside them; just past NAT64 is reserved. */
    @ParameterizedTest
    @CsvSource({
        "::ffff:0.0.0.0, false", "::ffff:10.0.0.1, false", "::ffff:192.0.2.1, false", "::ffff:255.255.255.255, false",
        "::ffff:93.184.216.34, true",
        "64:ff9b::0.0.0.0, false", "64:ff9b::a9fe:a9fe, false", "64:ff9b::203.0.113.9, false",
        "64:ff9b::255.255.255.255, false", "64:ff9b::93.184.216.34, true", "64:ff9b::1:0:0, false"})
    void embeddedIpv4AddressDecides(String address, boolean allowed) {
        assertThat(strict.check("https://[" + address + "]/").isAllowed()).as(address).isEqualTo(allowed);
    }

    /** The JDK turns a mapped literal into an IPv4 address, but a resolver may hand back the IPv6 form as it is. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "169.254.169.254", "0.0.0.0", "198.51.100.7"})
    void mappedAddressKeptInItsIpv6FormIsCheckedAsItsIpv4(String v4) throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(InetAddress.getByName(v4).getAddress(), 0, mapped, 12, 4);

        assertThat(TargetAddressPolicy.isForbidden(Inet6Address.getByAddress("resolved.example", mapped, -1)))
                .as(v4).isTrue();
    }

    /** The first and last address of {@code range} are refused; its neighbours are as the table says. */
    private void assertRefusedWithin(String range, String below, String above) throws UnknownHostException {
        String[] parts = range.split("/");
        byte[] base = InetAddress.getByName(parts[0]).getAddress();
        BigInteger first = new BigInteger(1, base);
        BigInteger last = first.add(BigInteger.ONE.shiftLeft(base.length * 8 - Integer.parseInt(parts[1])))
                .subtract(BigInteger.ONE);

        assertVerdict(range + " first", first, base.length, "refused");
        assertVerdict(range + " last", last, base.length, "refused");
        assertVerdict(range + " just below", first.subtract(BigInteger.ONE), base.length, below);
        assertVerdict(range + " just above", last.add(BigInteger.ONE), base.length, above);
    }

    private void assertVerdict(String what, BigInteger address, int length, String expected) {
        if (expected.equals("none")) {
            return;
        }
        String literal = literal(address, length);
        assertThat(strict.check(url(literal)).isAllowed()).as(what + " " + literal)
                .isEqualTo(expected.equals("allowed"));
    }

    /** The address as the JDK writes it; built with Inet6Address so that no mapped address turns into IPv4. */
    private static String literal(BigInteger address, int length) {
        byte[] raw = address.toByteArray();
        byte[] bytes = new byte[length];
        int copied = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copied, bytes, length - copied, copied);
        try {
            return length == 4 ? InetAddress.getByAddress(bytes).getHostAddress()
                    : Inet6Address.getByAddress(null, bytes, -1).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String url(String address) {
        return "https://" + (address.contains(":") ? "[" + address + "]" : address) + "/hooks";
    }
}
