package io.jobsettings.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * A loopback proxy between the function set and one local store (dynalite or S3Proxy). It passes every request
 * through untouched, Host header included so that S3 signatures still verify, until a test asks it to answer some
 * requests with a fault instead: a throttling error, a 5xx, a reset connection, a hang. The store itself stays up,
 * so a test can read back through its own client what the fault left behind.
 */
public final class StoreFaults implements AutoCloseable {

    private static final int PASS_THROUGH_PRIORITY = 100;
    private static final int FAULT_PRIORITY = 1;

    private final WireMockServer proxy;
    private final String store;

    private StoreFaults(WireMockServer proxy, String store) {
        this.proxy = proxy;
        this.store = store;
    }

    public static StoreFaults inFrontOf(String storeEndpoint) {
        WireMockServer proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .preserveHostHeader(true).gzipDisabled(true).maxRequestJournalEntries(500));
        proxy.start();
        StoreFaults faults = new StoreFaults(proxy, storeEndpoint);
        faults.clear();
        return faults;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.port();
    }

    /** Requests for one DynamoDB action, such as {@code "PutItem"}. */
    public static MappingBuilder dynamoAction(String action) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810." + action));
    }

    /** For {@link #seen}: requests for one DynamoDB action. */
    public static RequestPatternBuilder dynamoRequest(String action) {
        return postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810." + action));
    }

    // Limitation: dynalite never throttles, so throttling is this answer in DynamoDB's wire format: it exercises the
    // SDK's retries and our handling, not how DynamoDB itself spreads or bursts capacity.
    /** What DynamoDB answers when a table is asked for more than it can give. */
    public static ResponseDefinitionBuilder throttled() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\": \"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
                        + " \"message\": \"Rate of requests exceeds the allowed throughput.\"}");
    }

    public static ResponseDefinitionBuilder connectionReset() {
        return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
    }

    /** Every request matching {@code request} gets {@code fault} until {@link #clear()}. */
    public void always(MappingBuilder request, ResponseDefinitionBuilder fault) {
        proxy.stubFor(request.atPriority(FAULT_PRIORITY).willReturn(fault));
    }

    /** Every request to the store gets {@code fault} until {@link #clear()}: the store is as good as gone. */
    public void everything(ResponseDefinitionBuilder fault) {
        always(any(anyUrl()), fault);
    }

    /** The first {@code times} requests matching {@code request} get {@code fault}; later ones pass through. */
    public void firstTimes(int times, MappingBuilder request, ResponseDefinitionBuilder fault) {
        String scenario = "fault-" + System.nanoTime();
        for (int attempt = 0; attempt < times; attempt++) {
            String state = attempt == 0 ? Scenario.STARTED : "after-" + attempt;
            // One builder serves every state: a fresh id keeps each stub from replacing the one before.
            proxy.stubFor(request.withId(UUID.randomUUID()).inScenario(scenario).whenScenarioStateIs(state)
                    .willSetStateTo("after-" + (attempt + 1)).atPriority(FAULT_PRIORITY).willReturn(fault));
        }
    }

    /** The requests the proxy saw since the last {@link #clear()} that match {@code request}. */
    public List<LoggedRequest> seen(RequestPatternBuilder request) {
        return proxy.findAll(request);
    }

    /** Back to passing everything through, with an empty record of requests. */
    public void clear() {
        proxy.resetAll();
        proxy.stubFor(any(anyUrl()).atPriority(PASS_THROUGH_PRIORITY).willReturn(aResponse().proxiedFrom(store)));
    }

    @Override
    public void close() {
        proxy.stop();
    }
}
