package io.jobsettings.job;

import java.util.concurrent.CompletableFuture;

import io.jobsettings.settings.Settings;

/**
 * Something the function set does when a job reports a status: notifications today, copying snapshots and cache to
 * storage next. The completion handler starts every follow-up of a job at once and waits for all of them; each one
 * must finish on its own time budget and must never throw from {@link #start}.
 */
public interface JobStatusFollowUp {

    /** What a follow-up asks of the queue once it is done. */
    enum Result {
        /** Nothing is left to do for this job status (done, or failed for good and recorded). */
        DONE,
        /** Something failed in a way that may pass: the message must come back. */
        RETRY
    }

    /** For logs: which capability this is. */
    String name();

    CompletableFuture<Result> start(JobDetails job, Settings settings);
}
