package io.jobsettings.launch;

import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.jobsettings.job.JobTarget;
import io.jobsettings.platform.json.EventFields;

/** A request to start one sync: from a default schedule, or from anyone allowed to invoke the function. */
public record LaunchRequest(JobTarget target, String reason) {

    /** What a request without a reason is taken to be. */
    public static final String DEFAULT_REASON = "manual";
    private static final Pattern REASON = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Set<String> MEMBERS = Set.of("env_id", "flow_id", "tenant", "reason");

    /**
     * Reads a request made by our own schedules or by an operator: any other member is a mistake (a misspelt
     * {@code reason}, a payload meant for another function), so it is refused rather than ignored.
     */
    public static LaunchRequest from(JsonNode json) {
        EventFields request = EventFields.of(json);
        request.onlyMembers(MEMBERS);
        JobTarget target = JobTarget.from(request);
        String reason = request.optionalText("reason").orElse(DEFAULT_REASON);
        if (!REASON.matcher(reason).matches()) {
            request.matching("reason", REASON, "1 to 32 lower-case letters, digits, '_' or '-'");
        }
        return new LaunchRequest(target, reason);
    }
}
