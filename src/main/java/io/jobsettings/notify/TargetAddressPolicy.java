package io.jobsettings.notify;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a notification target URL may be called: https only, and never an address inside the platform's
 * network (loopback, private, link-local, cloud metadata) or in any other special-purpose range, however the
 * address is written. Host names are resolved
 * and every address they resolve to is checked.
 */
public final class TargetAddressPolicy {

    /** Resolves host names; tests hand in their own so that no real DNS is asked. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A host resolved only to addresses, or among them one address, that must never be called. */
    public static final class ForbiddenAddressException extends UnknownHostException {
        ForbiddenAddressException(String host) {
            super("the host " + host + " resolves to a loopback, private, link-local or metadata address");
        }
    }

    /** What {@link #check} found. {@code problem} is empty when the URL may be called. */
    public record Verdict(Optional<String> problem, boolean hostUnresolved) {
        static Verdict allowed() {
            return new Verdict(Optional.empty(), false);
        }

        static Verdict unresolved() {
            return new Verdict(Optional.empty(), true);
        }

        static Verdict refused(String problem) {
            return new Verdict(Optional.of(problem), false);
        }

        public boolean isAllowed() {
            return problem.isEmpty();
        }
    }

    private static final Pattern CANONICAL_IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(^|.*\\.)(0x[0-9a-f]*|\\d+)$");

    /**
     * IPv4 blocks no notification target is in: this network, private, shared (carrier-grade NAT), loopback,
     * link-local (instance metadata among them), IETF protocol assignments, documentation, the 6to4 relay anycast,
     * benchmarking, multicast, reserved and broadcast.
     */
    // Limitation: the blocks are a fixed copy of IANA's special-purpose registries; a range added there later is
    // allowed until it is added here, and addresses outside them that a provider routes internally are not known.
    private static final List<AddressBlock> FORBIDDEN_V4 = AddressBlock.all(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32");

    /**
     * IPv6 blocks refused whatever they hold: the reserved ::/8 (unspecified, loopback, IPv4-compatible and
     * IPv4-translated among it; IPv4-mapped and well-known NAT64 addresses are judged by their IPv4 address first),
     * discard-only, local-use NAT64 (which may embed an IPv4 address anywhere), IETF protocol assignments with
     * Teredo, documentation (2001:db8::/32 and 3fff::/20), 6to4, SRv6 segment ids, unique local, link-local, the
     * old site-local and multicast.
     */
    private static final List<AddressBlock> FORBIDDEN_V6 = AddressBlock.all(
            "::/8", "100::/64", "64:ff9b:1::/48", "2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20", "5f00::/16",
            "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

    /** ::ffff:0:0/96, written as bytes: the JDK reads every IPv4-mapped literal as the IPv4 address inside. */
    private static final AddressBlock MAPPED =
            new AddressBlock(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}, 96);
    /** The well-known NAT64 prefix: the last 32 bits are the IPv4 address the gateway connects to. */
    private static final AddressBlock NAT64 = AddressBlock.of("64:ff9b::/96");

    private final boolean allowInsecure;
    private final HostResolver resolver;

    public TargetAddressPolicy(boolean allowInsecure, HostResolver resolver) {
        this.allowInsecure = allowInsecure;
        this.resolver = resolver;
    }

    public static TargetAddressPolicy withSystemDns(boolean allowInsecure) {
        return new TargetAddressPolicy(allowInsecure, InetAddress::getAllByName);
    }

    public boolean allowsInsecure() {
        return allowInsecure;
    }

    /** Checks a URL; a host name that does not resolve is reported as unresolved, not refused. */
    public Verdict check(String url) {
        if (!isPrintableAscii(url)) {
            return Verdict.refused("must be a URL of printable ASCII characters without spaces; percent-encode others");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Verdict.refused("must be a valid URL");
        }
        Optional<String> shapeProblem = shapeProblem(uri);
        if (shapeProblem.isPresent()) {
            return Verdict.refused(shapeProblem.get());
        }
        if (allowInsecure) {
            return Verdict.allowed();
        }
        return checkHost(uri.getHost());
    }

    /**
     * The addresses a connection to {@code host} may use, resolved once and checked: the caller connects to exactly
     * these, so a name that resolves elsewhere between a check and the connection (DNS rebinding) gains nothing.
     */
    public InetAddress[] addressesToConnect(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(bare);
        if (addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        if (allowInsecure) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (isForbidden(address)) {
                throw new ForbiddenAddressException(host);
            }
        }
        return addresses;
    }

    private static boolean isPrintableAscii(String url) {
        return url.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private Optional<String> shapeProblem(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeAllowed = scheme.equals("https") || (allowInsecure && scheme.equals("http"));
        if (!uri.isAbsolute() || !schemeAllowed) {
            return Optional.of(allowInsecure ? "must be an http or https URL" : "must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // java.net.URI finds no host when the port is not a number it can read, as in host:+443 or host:-1.
            boolean portWritten = uri.getRawAuthority() != null && uri.getRawAuthority().contains(":");
            return Optional.of(portWritten ? "must name a host and, if any, a port from 1 to 65535"
                    : "must name a host: a domain name or an IP address in full (short or hex forms such as 127.1"
                    + " are not read as addresses)");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            return Optional.of("must name a port from 1 to 65535, or none");
        }
        return Optional.empty();
    }

    private Verdict checkHost(String rawHost) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;

        if (host.startsWith("[")) {
            return checkLiteral(host.substring(1, host.length() - 1));
        }
        if (NUMERIC_LAST_LABEL.matcher(host).matches()) {
            return CANONICAL_IPV4.matcher(host).matches()
                    ? checkLiteral(host)
                    : Verdict.refused("must not use an IP address written in a non-standard form");
        }
        if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".internal")) {
            return Verdict.refused("must not point at a local or internal host");
        }
        return checkResolved(host);
    }

    private Verdict checkLiteral(String literal) {
        try {
            return verdictFor(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Verdict.refused("must be a valid address");
        }
    }

    private Verdict checkResolved(String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Verdict.unresolved();
        }
        for (InetAddress address : addresses) {
            Verdict verdict = verdictFor(address);
            if (!verdict.isAllowed()) {
                return verdict;
            }
        }
        return addresses.length == 0 ? Verdict.unresolved() : Verdict.allowed();
    }

    private static Verdict verdictFor(InetAddress address) {
        return isForbidden(address)
                ? Verdict.refused("must not point at a loopback, private, link-local or metadata address")
                : Verdict.allowed();
    }

    /** True for every address a platform-side request must never reach. */
    public static boolean isForbidden(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return FORBIDDEN_V4.stream().anyMatch(block -> block.contains(bytes));
        }
        if (MAPPED.contains(bytes) || NAT64.contains(bytes)) {
            byte[] embedded = Arrays.copyOfRange(bytes, 12, 16);
            return FORBIDDEN_V4.stream().anyMatch(block -> block.contains(embedded));
        }
        return FORBIDDEN_V6.stream().anyMatch(block -> block.contains(bytes));
    }
}
