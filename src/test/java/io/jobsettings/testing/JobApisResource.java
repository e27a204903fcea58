package io.jobsettings.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the function set at the stand-in servers, as the deployed functions' environment points it at AWS. */
public class JobApisResource implements QuarkusTestResourceLifecycleManager {

    /** The retry method whose pauses tests shorten: the policy stays, only the waiting goes. */
    private static final String RETRY = "quarkus.fault-tolerance.\"io.jobsettings.job.JobRunner/send\".retry.";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jobs.api.url", "http://127.0.0.1:" + JobApis.jobRunner().port() + JobApis.JOBS_API_BASE_PATH);
        config.put("jobs.api.key", JobApis.JOBS_API_KEY);
        config.put("quarkus.rest-client.jobs-api.read-timeout", Integer.toString(JobApis.RUNNER_READ_TIMEOUT_MS));
        config.put("scheduler.endpoint", "http://127.0.0.1:" + JobApis.scheduler().port());
        config.put("scheduler.region", LocalStores.REGION);
        config.put("scheduler.access-key-id", JobApis.SCHEDULER_ACCESS_KEY);
        config.put("scheduler.secret-access-key", JobApis.SCHEDULER_SECRET_KEY);
        config.put("schedule.group", JobApis.SCHEDULE_GROUP);
        config.put("launch.function.arn", JobApis.LAUNCH_FUNCTION_ARN);
        config.put("scheduler.role.arn", JobApis.SCHEDULER_ROLE_ARN);
        config.put(RETRY + "delay", "1");
        config.put(RETRY + "jitter", "0");
        return config;
    }

    @Override
    public void stop() {
        // The servers outlive one Quarkus start; a shutdown hook stops them with the JVM.
    }
}
