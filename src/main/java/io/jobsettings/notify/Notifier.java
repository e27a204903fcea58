package io.jobsettings.notify;

import io.jobsettings.job.JobDetails;
import io.jobsettings.settings.Settings;

/** One notification channel: what it wants to hear about, and how it tells its target. */
public interface Notifier {

    Channel channel();

    /** True when the environment has set this channel up. */
    boolean isConfigured(Settings settings);

    /** True when the settings ask this channel to hear about this job status. */
    boolean wants(JobDetails job, Settings settings);

    /** One attempt to tell the target; never throws for anything the target or the network does. */
    DeliveryResult send(JobDetails job, Settings settings);

    /** Sends a clearly marked test event, built and signed like a real one, for a configured channel. */
    DeliveryResult sendTest(Settings settings);

    /** Whether the job's outputs were rolled back, as the storage plan decides it from the same settings. */
    static boolean rolledBack(JobDetails job, Settings settings) {
        return io.jobsettings.storage.StoragePlan.decide(job.status(), settings.jobs()).rolledBack();
    }
}
