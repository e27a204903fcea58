package io.jobsettings.link;

import io.jobsettings.platform.json.QuotedValue;

/**
 * EventBridge Scheduler refused a create or delete in a way another try will not change: a denied permission
 * (iam:PassRole included), an invalid request, a full quota, a missing schedule group. The message is what the
 * scheduler said on one line, its error code and status first, control and invisible characters shown as ?;
 * it names resources, never a credential.
 */
public class ScheduleRefused extends RuntimeException {

    private static final int MAX_MESSAGE_CHARS = 500;

    private final String errorCode;
    private final int status;

    public ScheduleRefused(String errorCode, int status, String schedulerSaid) {
        super(errorCode + " (" + status + "): " + shortened(schedulerSaid), null, false, false);
        this.errorCode = errorCode;
        this.status = status;
    }

    public String errorCode() {
        return errorCode;
    }

    public int status() {
        return status;
    }

    private static String shortened(String said) {
        return said == null || said.isBlank() ? "(no message)"
                : QuotedValue.bare(said.strip().replaceAll("\\s+", " "), MAX_MESSAGE_CHARS);
    }
}
