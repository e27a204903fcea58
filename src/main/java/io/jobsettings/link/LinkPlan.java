package io.jobsettings.link;

import java.time.Instant;

import io.jobsettings.settings.DefaultSchedule;
import io.jobsettings.settings.JobSettings;

/** What a new link starts, decided from the environment's job settings alone. */
public record LinkPlan(Start start, ScheduleDecision schedule, String expression) {

    /** What is asked of the job runner: at most one call, so a link never races two jobs against each other. */
    public enum Start {
        NOTHING,
        DISCOVER,
        FULL_SYNC,
        /** One job whose first step is the discover: the field map is fresh before the first sync reads it. */
        FULL_SYNC_AFTER_DISCOVER
    }

    public enum ScheduleDecision {
        CREATE,
        SETTING_OFF,
        /** The link is older than the setting: turning it on never back-fills schedules for earlier links. */
        LINKED_BEFORE_ENABLED
    }

    public static LinkPlan of(JobSettings jobs, Instant linkedAt) {
        return new LinkPlan(startOf(jobs), scheduleOf(jobs.defaultSchedule(), linkedAt),
                jobs.defaultSchedule().expression());
    }

    private static Start startOf(JobSettings jobs) {
        if (jobs.triggerJobOnLink()) {
            return jobs.triggerDiscoverOnLink() ? Start.FULL_SYNC_AFTER_DISCOVER : Start.FULL_SYNC;
        }
        return jobs.triggerDiscoverOnLink() ? Start.DISCOVER : Start.NOTHING;
    }

    private static ScheduleDecision scheduleOf(DefaultSchedule schedule, Instant linkedAt) {
        if (!schedule.enabled() || schedule.enabledAt() == null) {
            return ScheduleDecision.SETTING_OFF;
        }
        return linkedAt.isBefore(schedule.enabledAt()) ? ScheduleDecision.LINKED_BEFORE_ENABLED
                : ScheduleDecision.CREATE;
    }
}
