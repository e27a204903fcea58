package io.jobsettings.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any loopback, private, link-local or metadata IPv4 address, written in any form a URL parser accepts, is refused. */
class TargetAddressPolicyProperties {

    /** Names under private.example resolve to the address their first label spells, in dashes. */
    private final TargetAddressPolicy strict = new TargetAddressPolicy(false, host -> {
        if (host.endsWith(".private.example")) {
            return new InetAddress[] {InetAddress.getByName(host.substring(0, host.indexOf('.')).replace('-', '.'))};
        }
        throw new UnknownHostException(host);
    });

    @Property(tries = 300)
    void everyInternalIpv4AddressIsRefusedHoweverWritten(@ForAll("internalAddresses") byte[] address,
            @ForAll("forms") int form) {
        String host = written(address, form);

        assertThat(strict.check("https://" + host + "/hooks").isAllowed()).as(host).isFalse();
    }

    @Property(tries = 200)
    void connectingToANameThatResolvesInsideIsRefused(@ForAll("internalAddresses") byte[] address) {
        String name = dotted(address).replace('.', '-') + ".private.example";

        assertThat(strict.check("https://" + name + "/").isAllowed()).as(name).isFalse();
        try {
            strict.addressesToConnect(name);
            throw new AssertionError("connected to " + name);
        } catch (UnknownHostException refused) {
            assertThat(refused).isInstanceOf(TargetAddressPolicy.ForbiddenAddressException.class);
        }
    }

    @Provide
    Arbitrary<byte[]> internalAddresses() {
        List<int[]> ranges = List.of(
                new int[] {0, 8}, new int[] {10, 8}, new int[] {127, 8}, new int[] {169, 254, 16},
                new int[] {172, 16, 12}, new int[] {192, 168, 16}, new int[] {100, 64, 10}, new int[] {224, 4},
                new int[] {240, 4}, new int[] {198, 18, 15});
        return Combinators.combine(Arbitraries.of(ranges), Arbitraries.integers().greaterOrEqual(0))
                .as(TargetAddressPolicyProperties::inRange);
    }

    /** An address inside {@code range}: its leading octets, then the prefix length in bits, last. */
    private static byte[] inRange(int[] range, int random) {
        int prefixBits = range[range.length - 1];
        int network = 0;
        for (int i = 0; i < range.length - 1; i++) {
            network |= range[i] << (24 - 8 * i);
        }
        int hostMask = prefixBits == 0 ? -1 : (int) ((1L << (32 - prefixBits)) - 1);
        int value = (network & ~hostMask) | (random & hostMask);
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    @Provide
    Arbitrary<Integer> forms() {
        return Arbitraries.integers().between(0, 8);
    }

    private static String written(byte[] a, int form) {
        long value = ((a[0] & 0xffL) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
        return switch (form) {
            case 0 -> dotted(a);
            case 1 -> Long.toString(value);
            case 2 -> "0x" + Long.toHexString(value);
            case 3 -> "0" + Long.toOctalString(value);
            case 4 -> String.format("0%o.0%o.0%o.0%o", a[0] & 0xff, a[1] & 0xff, a[2] & 0xff, a[3] & 0xff);
            case 5 -> (a[0] & 0xff) + "." + (value & 0xffffff);
            case 6 -> "[::ffff:" + dotted(a) + "]";
            case 7 -> String.format("[::ffff:%x:%x]", value >>> 16, value & 0xffff);
            default -> dotted(a) + ".";
        };
    }

    private static String dotted(byte[] a) {
        return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }
}
