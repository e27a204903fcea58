package io.jobsettings.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

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

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new WhileServing()));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }
}
