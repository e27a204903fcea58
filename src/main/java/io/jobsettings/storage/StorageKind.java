package io.jobsettings.storage;

/** What a job leaves behind that is kept: snapshots, and the sync output used as cache. */
public enum StorageKind {
    SNAPSHOTS("snapshots/", "snapshots"),
    CACHE("sync-output/", "cache");

    private final String sourceFolder;
    private final String targetFolder;

    StorageKind(String sourceFolder, String targetFolder) {
        this.sourceFolder = sourceFolder;
        this.targetFolder = targetFolder;
    }

    /** The folder under the job's {@code s3_root} in the jobs bucket. */
    public String sourceFolder() {
        return sourceFolder;
    }

    /** The folder under the tenant's base prefix in the storage bucket. */
    public String targetFolder() {
        return targetFolder;
    }
}
