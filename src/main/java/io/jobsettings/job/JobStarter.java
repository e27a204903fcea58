package io.jobsettings.job;

import jakarta.inject.Singleton;

import io.jobsettings.settings.JobSettings;
import io.jobsettings.settings.SettingsStore;

/**
 * Starts jobs through the job runner. Every sync this function set starts goes through {@link #startSync}, which
 * applies the environment's forcing settings, so no path can start a job that ignores them.
 */
@Singleton
public class JobStarter {

    private final SettingsStore settings;
    private final JobRunner runner;

    public JobStarter(SettingsStore settings, JobRunner runner) {
        this.settings = settings;
        this.runner = runner;
    }

    /** A sync as launched by a schedule or a direct call, under the environment's current settings. */
    // Limitation: EventBridge Scheduler delivers at least once and a launch request carries no id, so on the rare
    // second delivery of one scheduled run a second sync starts. Nor is the link checked: a schedule whose unlink
    // event never arrived goes on launching syncs.
    public CreatedJob launch(JobTarget target, String reason) {
        JobSettings jobs = settings.read(target.envId()).jobs();
        return startSync(target, jobName(target, reason), SyncOptions.AS_SCHEDULED, jobs);
    }

    public CreatedJob startSync(JobTarget target, String jobName, SyncOptions asked, JobSettings jobs) {
        return runner.send(JobRunnerCall.startJob(target, request(jobName, asked, jobs)));
    }

    /** A discover on its own: it refreshes the field map and syncs nothing, so no forcing setting applies. */
    public CreatedJob startDiscover(JobTarget target) {
        return runner.send(JobRunnerCall.startDiscover(target));
    }

    public static String jobName(JobTarget target, String reason) {
        return target.tenant() + "-" + reason;
    }

    static JobRequest request(String jobName, SyncOptions asked, JobSettings jobs) {
        boolean fullSync = asked.fullSync() || jobs.forceFullSync();
        boolean discover = asked.discover() || jobs.forceDiscover();
        return new JobRequest(jobName, fullSync, discover, JobRequest.AUTO_SYNC);
    }
}
