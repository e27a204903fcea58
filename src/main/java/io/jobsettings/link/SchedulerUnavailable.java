package io.jobsettings.link;

/**
 * EventBridge Scheduler did not answer, throttled or failed on its side through every try of one call: worth
 * trying again later, so the event fails and its retry finishes the link.
 */
public class SchedulerUnavailable extends RuntimeException {

    public SchedulerUnavailable(String action, String how, Throwable cause) {
        super("EventBridge Scheduler " + how + " on " + action + "; the event is left for its retry", cause);
    }
}
