package io.jobsettings.storage;

import io.jobsettings.settings.JobSettings;

/**
 * What to do with a finished job's outputs, from its status and the environment's settings:
 * <ul>
 *   <li>success commits snapshots and cache;</li>
 *   <li>failure with rollback on commits nothing and removes what the job had staged (rollback wins over
 *   keep-on-failure: a rolled-back job leaves no trace);</li>
 *   <li>failure with "save snapshots even when jobs fail" commits the snapshots, not the cache;</li>
 *   <li>any other failure keeps the previous snapshot current;</li>
 *   <li>a status that is not terminal does nothing yet.</li>
 * </ul>
 */
public enum StoragePlan {
    COMMIT_ALL(true, true),
    COMMIT_SNAPSHOTS(true, false),
    KEEP_PREVIOUS(false, false),
    ROLL_BACK(false, false),
    NOT_FINISHED(false, false);

    private final boolean commitsSnapshots;
    private final boolean commitsCache;

    StoragePlan(boolean commitsSnapshots, boolean commitsCache) {
        this.commitsSnapshots = commitsSnapshots;
        this.commitsCache = commitsCache;
    }

    public static StoragePlan decide(io.jobsettings.job.JobStatus status, JobSettings jobs) {
        if (!status.isTerminal()) {
            return NOT_FINISHED;
        }
        if (!status.isFailure()) {
            return COMMIT_ALL;
        }
        if (jobs.rollbackOnFailure()) {
            return ROLL_BACK;
        }
        return jobs.saveSnapshotsOnFailure() ? COMMIT_SNAPSHOTS : KEEP_PREVIOUS;
    }

    public boolean rolledBack() {
        return this == ROLL_BACK;
    }

    public boolean commits(StorageKind kind) {
        return kind == StorageKind.SNAPSHOTS ? commitsSnapshots : commitsCache;
    }
}
