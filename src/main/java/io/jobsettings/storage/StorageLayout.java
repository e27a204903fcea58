package io.jobsettings.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where kept files go in a storage bucket:
 * <pre>
 * {prefix}{env_id}/{tenant}/snapshots/manifest.json
 * {prefix}{env_id}/{tenant}/snapshots/{version}/...   one folder per committed job
 * {prefix}{env_id}/{tenant}/cache/manifest.json
 * {prefix}{env_id}/{tenant}/cache/{version}/...
 * </pre>
 * A version is the job's start time followed by a hash of its {@code s3_root}: versions sort by start time, and a
 * retried copy of the same job writes the same keys again instead of a new folder.
 */
public final class StorageLayout {

    public static final String MANIFEST = "manifest.json";

    private StorageLayout() {
    }

    public static String basePrefix(String configuredPrefix, JobOutputs job) {
        return configuredPrefix + job.envId() + "/" + job.tenant() + "/";
    }

    public static String folder(String basePrefix, StorageKind kind) {
        return basePrefix + kind.targetFolder() + "/";
    }

    public static String manifestKey(String basePrefix, StorageKind kind) {
        return folder(basePrefix, kind) + MANIFEST;
    }

    public static String versionPrefix(String basePrefix, StorageKind kind, String version) {
        return folder(basePrefix, kind) + version + "/";
    }

    public static String versionOf(JobOutputs job) {
        String time = job.startTime() == null ? "0" : job.startTime().replaceAll("[^0-9A-Za-z]", "");
        return time + "-" + shortHash(job.s3Root());
    }

    private static String shortHash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
