package io.jobsettings.job;

/**
 * What a caller asks of a sync before the environment's forcing settings are applied: a full historical sync
 * (the source state reset) and a discover as the job's first step, so the field map is fresh when it syncs.
 */
public record SyncOptions(boolean fullSync, boolean discover) {

    /** A sync as its schedule runs it: incremental unless the environment forces more. */
    public static final SyncOptions AS_SCHEDULED = new SyncOptions(false, false);
    public static final SyncOptions FULL = new SyncOptions(true, false);
    public static final SyncOptions FULL_AFTER_DISCOVER = new SyncOptions(true, true);
}
