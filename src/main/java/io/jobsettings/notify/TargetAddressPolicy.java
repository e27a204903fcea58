package io.jobsettings.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a notification target URL may be called: https only, and never an address inside the platform's
 * network (loopback, private, link-local, cloud metadata), however the address is written. Host names are resolved
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
                    : "must name a host");
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
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        if (address instanceof Inet4Address v4) {
            return isForbiddenV4(v4.getAddress());
        }
        byte[] v6 = ((Inet6Address) address).getAddress();
        if ((v6[0] & 0xfe) == 0xfc || isTransition(v6)) {
            return true;
        }
        return embeddedV4(v6).map(TargetAddressPolicy::isForbiddenEmbedded).orElse(false);
    }

    private static boolean isForbiddenEmbedded(byte[] v4) {
        try {
            return isForbidden(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static boolean isForbiddenV4(byte[] a) {
        int first = a[0] & 0xff;
        int second = a[1] & 0xff;
        return first == 0
                || (first == 100 && second >= 64 && second <= 127)
                || (first == 192 && second == 0 && (a[2] & 0xff) == 0)
                || (first == 198 && (second == 18 || second == 19))
                || first >= 240;
    }

    /** 6to4 (2002::/16) and Teredo (2001:0::/32) wrap IPv4 addresses; no webhook needs them. */
    private static boolean isTransition(byte[] v6) {
        boolean sixToFour = v6[0] == 0x20 && v6[1] == 0x02;
        boolean teredo = v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0 && v6[3] == 0;
        return sixToFour || teredo;
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
    private static Optional<byte[]> embeddedV4(byte[] v6) {
        boolean compatible = allZero(v6, 0, 12);
        boolean nat64 = v6[0] == 0 && v6[1] == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b
                && allZero(v6, 4, 12);
        if (!compatible && !nat64) {
            return Optional.empty();
        }
        return Optional.of(new byte[] {v6[12], v6[13], v6[14], v6[15]});
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
