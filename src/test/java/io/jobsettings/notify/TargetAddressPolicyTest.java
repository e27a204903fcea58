package io.jobsettings.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetAddressPolicyTest {

    private final TargetAddressPolicy strict = new TargetAddressPolicy(false, TargetAddressPolicyTest::resolve);

    /** A tiny DNS: names under rebind.example resolve to private addresses, public.example to a public one. */
    private static InetAddress[] resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "rebind.example" -> new InetAddress[] {InetAddress.getByName("10.0.0.8")};
            case "mixed.example" -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1")};
            case "public.example" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
            default -> throw new UnknownHostException(host);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://127.0.0.1/", "https://127.1.2.3/", "https://10.0.0.1/", "https://172.16.0.1/", "https://192.168.1.1/",
        "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/", "https://0.0.0.0/", "https://[::1]/",
        "https://[::ffff:10.0.0.1]/", "https://[::ffff:7f00:1]/", "https://[fd00:ec2::254]/", "https://[fe80::1]/",
        "https://[::127.0.0.1]/", "https://[64:ff9b::a9fe:a9fe]/", "https://2130706433/", "https://0x7f000001/",
        "https://017700000001/", "https://127.1/", "https://0177.0.0.1/", "https://localhost/", "https://a.localhost/",
        "https://metadata.google.internal/", "https://rebind.example/", "https://mixed.example/",
        "https://LOCALHOST./", "https://255.255.255.255/", "https://224.0.0.1/"})
    void refusesEveryAddressInsideThePlatformNetworkHoweverWritten(String url) {
        assertThat(strict.check(url).isAllowed()).as(url).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://public.example/", "ftp://public.example/", "https:///path", "//public.example/x",
        "https://user:secret@public.example/"})
    void refusesWhatIsNotAPlainHttpsUrl(String url) {
        assertThat(strict.check(url).isAllowed()).as(url).isFalse();
    }

    @Test
    void allowsPublicAddressesAndNames() {
        assertThat(strict.check("https://93.184.216.34/hooks").isAllowed()).isTrue();
        assertThat(strict.check("https://public.example/hooks?x=1").isAllowed()).isTrue();
    }

    @Test
    void nameThatDoesNotResolveYetIsAllowedButMarkedUnresolved() {
        TargetAddressPolicy.Verdict verdict = strict.check("https://not-registered.example/jobs");

        assertThat(verdict.isAllowed()).isTrue();
        assertThat(verdict.hostUnresolved()).isTrue();
    }

    @Test
    void insecureModeAllowsLocalHttpForLocalRunsOnly() {
        TargetAddressPolicy insecure = new TargetAddressPolicy(true, TargetAddressPolicyTest::resolve);

        assertThat(insecure.check("http://127.0.0.1:8089/hook").isAllowed()).isTrue();
        assertThat(insecure.check("ftp://127.0.0.1/").isAllowed()).isFalse();
    }
}
