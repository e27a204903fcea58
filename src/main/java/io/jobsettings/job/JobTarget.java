package io.jobsettings.job;

import java.util.regex.Pattern;

import io.jobsettings.platform.json.EventFields;

/**
 * What a job runs for: one tenant's link of one flow in one environment. The ids go into URL paths and table keys,
 * so only plain characters are accepted: no slashes, no percent signs, no dot-only segments, no '#'.
 */
public record JobTarget(String envId, String flowId, String tenant) {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?");
    private static final String RULE = "1 to 128 letters, digits, '.', '_' or '-', starting and ending with a letter"
            + " or digit";

    /** Reads {@code env_id}, {@code flow_id} and {@code tenant} from an event, naming the first bad field. */
    public static JobTarget from(EventFields fields) {
        return new JobTarget(
                fields.matching("env_id", ID, RULE),
                fields.matching("flow_id", ID, RULE),
                fields.matching("tenant", ID, RULE));
    }
}
