package io.jobsettings.job;

/** A job's status as the job runner reports it, in the order a job passes through them. */
public enum JobStatus {
    JOB_CREATED,
    DISCOVER_STARTED,
    DISCOVER_FAILED,
    SYNC_STARTED,
    SYNC_FAILED,
    SYNC_SUCCESS,
    ETL_STARTED,
    ETL_FAILED,
    ETL_SUCCESS,
    EXPORT_STARTED,
    EXPORT_FAILED,
    JOB_COMPLETED;

    public boolean isFailure() {
        return name().endsWith("_FAILED");
    }

    public boolean isTerminal() {
        return this == JOB_COMPLETED || isFailure();
    }
}
