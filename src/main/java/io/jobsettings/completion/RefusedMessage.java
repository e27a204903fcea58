package io.jobsettings.completion;

/**
 * A message that can never be handled, however often it comes back: not JSON, not an event this function
 * handles, Job Details without the fields it needs, an object outside the jobs bucket. It is logged with the
 * reason and not retried.
 */
public final class RefusedMessage extends Exception {

    public RefusedMessage(String reason) {
        super(reason, null, false, false);
    }
}
