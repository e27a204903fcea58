package io.jobsettings.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * Real HTTP servers on loopback standing in for the services the function set calls: the job runner API and the
 * EventBridge Scheduler API. They run once per test JVM, like the local stores, and outlive Quarkus restarts.
 */
public final class JobApis {

    public static final String JOBS_API_KEY = "test-jobs-api-key-0001";
    public static final String JOBS_API_BASE_PATH = "/v1";
    public static final String SCHEDULE_GROUP = "job-settings-test";
    public static final String LAUNCH_FUNCTION_ARN =
            "arn:aws:lambda:us-east-1:123456789012:function:job-settings-launch";
    public static final String SCHEDULER_ROLE_ARN = "arn:aws:iam::123456789012:role/job-settings-scheduler";
    public static final String SCHEDULER_ACCESS_KEY = "LOCALSCHEDULERKEY001";
    public static final String SCHEDULER_SECRET_KEY = "local-scheduler-secret";
    /**
     * The job runner's read timeout in tests, in place of the deployed 10 s, so that a runner hanging on every try
     * costs a test seconds, not a minute. The timeout and the retries around it are the deployed ones.
     */
    public static final int RUNNER_READ_TIMEOUT_MS = 3000;
    /** Above any stub's priority: a fault set with {@link #firstTimes} or {@link #always} wins over them. */
    private static final int FAULT_PRIORITY = 1;

    private static WireMockServer jobRunner;
    private static WireMockServer scheduler;

    private JobApis() {
    }

    public static synchronized WireMockServer jobRunner() {
        if (jobRunner == null) {
            jobRunner = started();
        }
        return jobRunner;
    }

    public static synchronized WireMockServer scheduler() {
        if (scheduler == null) {
            scheduler = started();
        }
        return scheduler;
    }

    /** Forgets every stub, every request seen and any action while serving, so a test counts only its own. */
    public static void reset() {
        jobRunner().resetAll();
        scheduler().resetAll();
        WhileServing.clear();
    }

    /** The first {@code times} requests matching {@code request} get {@code fault}; later ones get the stubs. */
    public static void firstTimes(WireMockServer server, int times, MappingBuilder request,
            ResponseDefinitionBuilder fault) {
        String scenario = "fault-" + UUID.randomUUID();
        for (int attempt = 0; attempt < times; attempt++) {
            String state = attempt == 0 ? Scenario.STARTED : "after-" + attempt;
            // One builder serves every state: a fresh id keeps each stub from replacing the one before.
            server.stubFor(request.withId(UUID.randomUUID()).inScenario(scenario).whenScenarioStateIs(state)
                    .willSetStateTo("after-" + (attempt + 1)).atPriority(FAULT_PRIORITY).willReturn(fault));
        }
    }

    /** Every request matching {@code request} gets {@code fault} until the stub is removed or the stand-ins reset. */
    public static StubMapping always(WireMockServer server, MappingBuilder request, ResponseDefinitionBuilder fault) {
        return server.stubFor(request.withId(UUID.randomUUID()).atPriority(FAULT_PRIORITY).willReturn(fault));
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new WhileServing()));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }
}
