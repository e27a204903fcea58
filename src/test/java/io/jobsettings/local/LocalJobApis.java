package io.jobsettings.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Local stand-ins for what the link and launch functions call: the job runner API, which accepts every start, and
 * the EventBridge Scheduler API, which accepts every schedule created or deleted. Both keep a journal of what they
 * were sent, readable at {@code /__admin/requests}.
 */
public final class LocalJobApis implements AutoCloseable {

    static final String JOBS_API_KEY = "local-jobs-api-key";
    private static final String JOB_DETAILS = "{\"job_id\": \"{{randomValue length=6 type='ALPHANUMERIC'}}\","
            + " \"env_id\": \"{{request.path.[1]}}\", \"flow_id\": \"{{request.path.[2]}}\","
            + " \"tenant\": \"{{request.path.[3]}}\", \"job_name\": \"{{jsonPath request.body '$.job_name'}}\","
            + " \"status\": \"JOB_CREATED\", \"started_by\": \"local-run\"}";

    private final WireMockServer jobRunner;
    private final WireMockServer scheduler;

    private LocalJobApis(WireMockServer jobRunner, WireMockServer scheduler) {
        this.jobRunner = jobRunner;
        this.scheduler = scheduler;
    }

    public static LocalJobApis start() {
        WireMockServer jobRunner = started();
        jobRunner.stubFor(post(urlPathMatching("/v1/[^/]+/[^/]+/[^/]+/(jobs|discover)"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(JOB_DETAILS).withTransformers("response-template")));
        WireMockServer scheduler = started();
        scheduler.stubFor(post(urlPathMatching("/schedules/[^/]+"))
                .willReturn(okJson("{\"ScheduleArn\": \"arn:aws:scheduler:us-east-1:000000000000:schedule/local\"}")));
        scheduler.stubFor(delete(urlPathMatching("/schedules/[^/]+")).willReturn(okJson("{}")));
        return new LocalJobApis(jobRunner, scheduler);
    }

    public String jobRunnerUrl() {
        return "http://127.0.0.1:" + jobRunner.port();
    }

    public String schedulerUrl() {
        return "http://127.0.0.1:" + scheduler.port();
    }

    /** What template.yaml sets for the link and launch functions, pointed at the stand-ins. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JOBS_API_URL", jobRunnerUrl() + "/v1");
        env.put("JOBS_API_KEY", JOBS_API_KEY);
        env.put("SCHEDULER_ENDPOINT", schedulerUrl());
        env.put("SCHEDULE_GROUP", "local-default-syncs");
        env.put("LAUNCH_FUNCTION_ARN", "arn:aws:lambda:us-east-1:000000000000:function:local-launch");
        env.put("SCHEDULER_ROLE_ARN", "arn:aws:iam::000000000000:role/local-scheduler");
        return env;
    }

    @Override
    public void close() {
        jobRunner.stop();
        scheduler.stop();
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }
}
