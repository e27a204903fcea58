package io.jobsettings.link;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.jobsettings.job.CreatedJob;
import io.jobsettings.job.JobRunnerRejected;
import io.jobsettings.job.JobRunnerUnavailable;
import io.jobsettings.job.JobStarter;
import io.jobsettings.job.SyncOptions;
import io.jobsettings.link.LinkLedger.JobClaim;
import io.jobsettings.link.LinkPlan.ScheduleDecision;
import io.jobsettings.settings.Settings;
import io.jobsettings.settings.SettingsStore;

/**
 * Acts on links and unlinks. Every step is safe to repeat, so an event delivered again, or retried after a failure,
 * finishes what the earlier attempt began.
 *
 * <p>A link starts its jobs first and creates its schedule after, so a scheduler that is down or refuses (a missing
 * iam:PassRole, a full quota) never holds back a link's first sync. The one call to the job runner is claimed in
 * the ledger before it is made, so no retry starts the jobs again once they started or were refused; the schedule
 * has a fixed name and one that exists is kept, so a retry creates it at most once. Neither waits for the other:
 * the schedule is still created when the runner cannot be reached, and the event then fails for its retry.
 * A scheduler refusal is recorded on the link and logged, and the event finishes: a retry would meet the same
 * refusal. An unlink recorded before the schedule is created leaves none; one recorded while it is being created
 * gets it deleted again.
 */
@Singleton
public class LinkService {

    private static final Logger LOG = Logger.getLogger(LinkService.class);
    static final String LINK_JOB_REASON = "link";

    private final LinkLedger ledger;
    private final SettingsStore settings;
    private final DefaultSchedules schedules;
    private final JobStarter jobs;

    public LinkService(LinkLedger ledger, SettingsStore settings, DefaultSchedules schedules, JobStarter jobs) {
        this.ledger = ledger;
        this.settings = settings;
        this.schedules = schedules;
        this.jobs = jobs;
    }

    /** Acts on the event and says in a few words what was done. */
    public String handle(LinkEvent event) {
        if (!ledger.claim(event)) {
            return "already handled, nothing done";
        }
        String outcome = event.kind() == LinkEvent.Kind.LINKED ? linked(event) : unlinked(event);
        ledger.finish(event, outcome);
        return outcome;
    }

    private String linked(LinkEvent event) {
        if (ledger.recordLinked(event) == LinkLedger.Standing.SUPERSEDED) {
            return "superseded: the tenant linked again or this link was already unlinked";
        }
        Settings current = settings.read(event.target().envId());
        LinkPlan plan = LinkPlan.of(current.jobs(), event.linkedAt());
        String started;
        try {
            started = start(event, plan, current);
        } catch (JobRunnerUnavailable runnerDown) {
            scheduleWhileTheRunnerIsDown(event, plan, runnerDown);
            throw runnerDown;
        }
        return "jobs " + started + ", schedule " + schedule(event, plan);
    }

    private String unlinked(LinkEvent event) {
        if (ledger.recordUnlinked(event) == LinkLedger.Standing.SUPERSEDED) {
            return "superseded: the tenant linked again since, its schedule is kept";
        }
        try {
            DefaultSchedules.Outcome deleted = schedules.delete(event.target());
            ledger.recordSchedule(event, deleted.name());
            return "schedule " + deleted.name();
        } catch (ScheduleRefused refused) {
            return refusedSchedule(event, refused);
        }
    }

    /** The event fails for the runner anyway; the schedule need not wait for its retry. */
    private void scheduleWhileTheRunnerIsDown(LinkEvent event, LinkPlan plan, JobRunnerUnavailable runnerDown) {
        try {
            schedule(event, plan);
        } catch (RuntimeException alsoFailed) {
            LOG.warnf("schedule not created either; the event's retry creates it: %s", alsoFailed.getMessage());
            runnerDown.addSuppressed(alsoFailed);
        }
    }

    private String schedule(LinkEvent event, LinkPlan plan) {
        if (plan.schedule() != ScheduleDecision.CREATE) {
            ledger.recordSchedule(event, plan.schedule().name());
            return plan.schedule().name();
        }
        if (!ledger.isCurrent(event)) {
            // Unlinked while the jobs were being started: its delete may have run, and a schedule made now would stay.
            return "not created: unlinked meanwhile";
        }
        DefaultSchedules.Outcome created;
        try {
            created = schedules.create(event.target(), plan.expression());
        } catch (ScheduleRefused refused) {
            return refusedSchedule(event, refused);
        }
        if (created == DefaultSchedules.Outcome.CREATED && !ledger.isCurrent(event)) {
            // An unlink was recorded while the schedule was being created: it may have found nothing to delete.
            // Limitation: if this delete fails, the event's retry finds the link superseded and leaves the schedule;
            // nothing on the link says that this attempt created one.
            schedules.delete(event.target());
            return "removed again: unlinked meanwhile";
        }
        ledger.recordSchedule(event, created.name());
        return created.name();
    }

    /** Recorded for good and logged once; the link's jobs are not held back, and the event finishes. */
    private String refusedSchedule(LinkEvent event, ScheduleRefused refused) {
        ledger.scheduleRefused(event, refused);
        MDC.put("scheduler_error", refused.errorCode());
        MDC.put("status", refused.status());
        try {
            LOG.errorf("schedule refused by EventBridge Scheduler; recorded on the link, the event is not retried: %s",
                    refused.getMessage());
        } finally {
            MDC.remove("scheduler_error");
            MDC.remove("status");
        }
        return "refused by the scheduler (" + refused.errorCode() + ")";
    }

    private String start(LinkEvent event, LinkPlan plan, Settings current) {
        if (plan.start() == LinkPlan.Start.NOTHING) {
            return "none asked";
        }
        JobClaim claim = ledger.claimJobs(event, plan.start());
        if (claim == JobClaim.IN_DOUBT) {
            // Limitation: an attempt stopped between claiming the start and recording its outcome leaves the claim
            // in doubt. The runner API cannot be asked whether that job exists, so the start is not repeated: at
            // most once, never twice. The same holds when recording a started job fails.
            LOG.errorf("jobs not started: another attempt claimed them and has not recorded the outcome (it is"
                    + " still running, or it stopped); check the job runner: start=%s", plan.start());
        }
        return claim == JobClaim.CLAIMED ? startClaimed(event, plan.start(), current) : claim.name();
    }

    /** The one call to the runner: a refusal is recorded for good; any other failure gives the claim back. */
    private String startClaimed(LinkEvent event, LinkPlan.Start start, Settings current) {
        CreatedJob created;
        try {
            created = call(event, start, current);
        } catch (JobRunnerRejected rejected) {
            ledger.jobsRejected(event, rejected);
            return start.name() + " refused by the job runner (" + rejected.status() + ")";
        } catch (RuntimeException failed) {
            ledger.releaseJobs(event);
            throw failed;
        }
        ledger.jobsStarted(event, created);
        return start.name() + " started as job " + created.jobId().orElse("(no id)");
    }

    private CreatedJob call(LinkEvent event, LinkPlan.Start start, Settings current) {
        String jobName = JobStarter.jobName(event.target(), LINK_JOB_REASON);
        return switch (start) {
            case DISCOVER -> jobs.startDiscover(event.target());
            case FULL_SYNC -> jobs.startSync(event.target(), jobName, SyncOptions.FULL, current.jobs());
            case FULL_SYNC_AFTER_DISCOVER ->
                    jobs.startSync(event.target(), jobName, SyncOptions.FULL_AFTER_DISCOVER, current.jobs());
            case NOTHING -> throw new IllegalArgumentException("nothing to start");
        };
    }
}
