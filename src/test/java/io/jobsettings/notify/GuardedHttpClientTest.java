package io.jobsettings.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.jobsettings.platform.http.RetryAfter;
import io.jobsettings.testing.StandIns;

class GuardedHttpClientTest {

    private static final byte[] BODY = "{\"hello\":1}".getBytes(StandardCharsets.UTF_8);

    private final WireMockServer standIn = StandIns.server();

    @Test
    void refusesALoopbackTargetUnlessInsecureTargetsAreAllowed() {
        String path = unique("/loopback");
        GuardedHttpClient client = client(new TargetAddressPolicy(false, InetAddress::getAllByName));

        HttpExchange exchange = client.postJson("https://127.0.0.1:" + standIn.httpsPort() + path,
                Map.of(), BODY, List.of());

        assertThat(exchange.kind()).isEqualTo(HttpExchange.Kind.REFUSED);
        assertThat(exchange.problem()).contains("loopback");
        assertThat(standIn.findAll(anyRequestedFor(urlEqualTo(path)))).isEmpty();
    }

    @Test
    void refusesANameThatTurnsIntoALoopbackAddressBetweenCheckAndConnection() {
        AtomicInteger lookups = new AtomicInteger();
        byte[] publicAddress = {93, (byte) 184, (byte) 216, 34};
        TargetAddressPolicy.HostResolver rebinding = host -> new InetAddress[] {InetAddress.getByAddress(host,
                lookups.incrementAndGet() == 1 ? publicAddress : new byte[] {127, 0, 0, 1})};
        GuardedHttpClient client = client(new TargetAddressPolicy(false, rebinding));

        HttpExchange exchange = client.postJson("https://rebinding.example:" + standIn.httpsPort() + "/x", Map.of(),
                BODY, List.of());

        assertThat(exchange.kind()).isEqualTo(HttpExchange.Kind.REFUSED);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void connectsToTheAddressTheResolverVettedAndSendsTheRealHostName() {
        String path = unique("/pinned");
        standIn.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        TargetAddressPolicy.HostResolver toStandIn =
                host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        GuardedHttpClient client = client(new TargetAddressPolicy(true, toStandIn));

        HttpExchange exchange = client.postJson("http://receiver.example:" + standIn.port() + path,
                Map.of(), BODY, List.of());

        assertThat(exchange.kind()).isEqualTo(HttpExchange.Kind.RESPONDED);
        assertThat(exchange.statusCode()).isEqualTo(204);
        List<LoggedRequest> received = standIn.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(received).singleElement()
                .satisfies(r -> assertThat(r.getHeader("Host")).isEqualTo("receiver.example:" + standIn.port()));
    }

    @ParameterizedTest(name = "Location: {0}")
    @ValueSource(strings = {"%s", "http://127.0.0.1:%2$d%1$s", "http://[::ffff:7f00:1]:%2$d%1$s",
        "http://2130706433:%2$d%1$s", "http://0x7f.1:%2$d%1$s", "http://169.254.169.254/latest/meta-data/"})
    void followsNoRedirectWhereverItPoints(String location) {
        String path = unique("/moved");
        String landing = unique("/landing");
        standIn.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(307)
                .withHeader("Location", location.formatted(landing, standIn.port()))));
        standIn.stubFor(any(urlEqualTo(landing)).willReturn(aResponse().withStatus(200)));

        HttpExchange exchange = insecureClient().postJson(StandIns.baseUrl() + path,
                Map.of(), BODY, List.of());

        assertThat(exchange.statusCode()).isEqualTo(307);
        assertThat(DeliveryResult.of(exchange).outcome()).isEqualTo(DeliveryResult.Outcome.PERMANENT);
        assertThat(standIn.findAll(anyRequestedFor(urlEqualTo(landing)))).isEmpty();
        assertThat(standIn.findAll(anyRequestedFor(urlEqualTo(path)))).hasSize(1);
    }

    @Test
    void givesUpAtItsDeadlineAndCallsThatTransient() {
        String path = unique("/slow");
        standIn.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withFixedDelay(5_000)));
        GuardedHttpClient client = new GuardedHttpClient(new TargetAddressPolicy(true, InetAddress::getAllByName),
                Duration.ofMillis(200), Duration.ofMillis(300));

        HttpExchange exchange = client.postJson(StandIns.baseUrl() + path,
                Map.of(), BODY, List.of());

        assertThat(exchange.kind()).isEqualTo(HttpExchange.Kind.TIMED_OUT);
        assertThat(DeliveryResult.of(exchange).outcome()).isEqualTo(DeliveryResult.Outcome.TRANSIENT);
    }

    @Test
    void aHostThatDoesNotResolveIsTransient() {
        TargetAddressPolicy.HostResolver nothing = host -> {
            throw new UnknownHostException(host);
        };
        GuardedHttpClient client = client(new TargetAddressPolicy(false, nothing));

        HttpExchange exchange = client.postJson("https://not-yet.example/hook",
                Map.of(), BODY, List.of());

        assertThat(exchange.kind()).isEqualTo(HttpExchange.Kind.UNRESOLVED);
        assertThat(DeliveryResult.of(exchange).outcome()).isEqualTo(DeliveryResult.Outcome.TRANSIENT);
    }

    @Test
    void keepsRetryAfterAndOnlyAShortExcerptOfTheAnswer() {
        String path = unique("/busy");
        standIn.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "120").withBody("slow down ".repeat(1000))));

        HttpExchange exchange = insecureClient().postJson(StandIns.baseUrl() + path,
                Map.of(), BODY, List.of());

        DeliveryResult result = DeliveryResult.of(exchange);
        assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.TRANSIENT);
        assertThat(result.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(exchange.bodyExcerpt()).startsWith("slow down").hasSizeLessThanOrEqualTo(301);
        assertThat(result.reason()).startsWith("HTTP 429: slow down").hasSizeLessThanOrEqualTo(201);
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");

        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 10:01:30 GMT", now))
                .contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("soon", now)).isEqualTo(Optional.empty());
    }

    private static GuardedHttpClient insecureClient() {
        return client(new TargetAddressPolicy(true, InetAddress::getAllByName));
    }

    private static GuardedHttpClient client(TargetAddressPolicy policy) {
        return new GuardedHttpClient(policy, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static String unique(String path) {
        return path + "-" + UUID.randomUUID();
    }
}
