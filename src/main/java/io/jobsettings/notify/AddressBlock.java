package io.jobsettings.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * A CIDR block such as {@code 100.64.0.0/10} or {@code fc00::/7}. Its address is read by the JDK's own parser; a
 * block only compares leading bits, so an IPv4 block never holds an IPv6 address or the other way round.
 */
record AddressBlock(byte[] network, int prefixBits) {

    static AddressBlock of(String cidr) {
        int slash = cidr.indexOf('/');
        try {
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            return new AddressBlock(network, Integer.parseInt(cidr.substring(slash + 1)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address block: " + cidr, e);
        }
    }

    static List<AddressBlock> all(String... cidrs) {
        return Arrays.stream(cidrs).map(AddressBlock::of).toList();
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefixBits / 8;
        if (!Arrays.equals(address, 0, whole, network, 0, whole)) {
            return false;
        }
        int rest = prefixBits % 8;
        int mask = (0xff << (8 - rest)) & 0xff;
        return rest == 0 || (address[whole] & mask) == (network[whole] & mask);
    }
}
