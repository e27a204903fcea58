package io.jobsettings.link;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jobsettings.job.JobTarget;
import io.jobsettings.platform.AwsUnavailable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

/**
 * The default sync schedules in {@code SCHEDULE_GROUP}: one per linked (environment, flow, tenant), invoking the
 * launch function with a launch request. A schedule that exists is never replaced, so one that an operator changed
 * by hand keeps its changes when the tenant links again.
 *
 * <p>The client retries what may heal within one call (see {@code SchedulerClientProducer}); what is left of it is
 * a {@link SchedulerUnavailable}, and any other error answer a {@link ScheduleRefused}.
 */
@Singleton
public class DefaultSchedules {

    /** What the launch function is told about why it runs. */
    public static final String LAUNCH_REASON = "schedule";

    public enum Outcome {
        CREATED, ALREADY_EXISTED, DELETED, NOT_FOUND
    }

    private final SchedulerClient scheduler;
    private final ObjectMapper mapper;
    private final Optional<String> group;
    private final Optional<String> launchFunctionArn;
    private final Optional<String> roleArn;

    public DefaultSchedules(SchedulerClient scheduler, ObjectMapper mapper,
            @ConfigProperty(name = "schedule.group") Optional<String> group,
            @ConfigProperty(name = "launch.function.arn") Optional<String> launchFunctionArn,
            @ConfigProperty(name = "scheduler.role.arn") Optional<String> roleArn) {
        this.scheduler = scheduler;
        this.mapper = mapper;
        this.group = group;
        this.launchFunctionArn = launchFunctionArn;
        this.roleArn = roleArn;
    }

    // Limitation: a changed defaultSchedule.expression reaches only schedules created after the change; existing
    // ones keep the expression they were created with, since nothing here updates a schedule.
    public Outcome create(JobTarget target, String expression) {
        try {
            scheduler.createSchedule(b -> b.name(ScheduleName.of(target))
                    .groupName(required(group, "SCHEDULE_GROUP"))
                    .description(description(target))
                    .scheduleExpression(expression)
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .state(ScheduleState.ENABLED)
                    .target(t -> t.arn(required(launchFunctionArn, "LAUNCH_FUNCTION_ARN"))
                            .roleArn(required(roleArn, "SCHEDULER_ROLE_ARN"))
                            .input(launchRequest(target))));
            return Outcome.CREATED;
        } catch (ConflictException exists) {
            return Outcome.ALREADY_EXISTED;
        } catch (SdkException failed) {
            throw unavailableOrRefused("CreateSchedule", failed);
        }
    }

    public Outcome delete(JobTarget target) {
        try {
            scheduler.deleteSchedule(b -> b.name(ScheduleName.of(target))
                    .groupName(required(group, "SCHEDULE_GROUP")));
            return Outcome.DELETED;
        } catch (ResourceNotFoundException missing) {
            return Outcome.NOT_FOUND;
        } catch (SdkException failed) {
            throw unavailableOrRefused("DeleteSchedule", failed);
        }
    }

    private static RuntimeException unavailableOrRefused(String action, SdkException failed) {
        return AwsUnavailable.describe(failed)
                .<RuntimeException>map(how -> new SchedulerUnavailable(action, how, failed))
                .orElseGet(() -> refused(failed));
    }

    private static RuntimeException refused(SdkException failed) {
        if (!(failed instanceof AwsServiceException answered) || answered.awsErrorDetails() == null) {
            return failed;
        }
        return new ScheduleRefused(answered.awsErrorDetails().errorCode(), answered.statusCode(),
                answered.awsErrorDetails().errorMessage());
    }

    /** The input of the schedule's target: the launch request the launch function reads. */
    String launchRequest(JobTarget target) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("env_id", target.envId());
        request.put("flow_id", target.flowId());
        request.put("tenant", target.tenant());
        request.put("reason", LAUNCH_REASON);
        try {
            return mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    private static String description(JobTarget target) {
        return "Default sync of tenant " + target.tenant() + ", flow " + target.flowId() + ", environment "
                + target.envId();
    }

    private static String required(Optional<String> value, String variable) {
        return value.filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalStateException("missing required environment variable " + variable));
    }
}
