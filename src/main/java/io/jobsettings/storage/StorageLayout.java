package io.jobsettings.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;

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
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

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
        return sortableTime(job.startTime()) + "-" + shortHash(job.s3Root());
    }

    /**
     * The start time in UTC with a fixed width, so that versions compare as their times do whether the runner wrote
     * {@code 09:15:02Z}, {@code 09:15:02.118Z}, an offset or none. A time that cannot be read sorts before every
     * other.
     */
    private static String sortableTime(String startTime) {
        return startInstant(startTime).map(VERSION_TIME::format).orElse("0");
    }

    /**
     * A job's start time as an instant: ISO-8601 with {@code Z} or an offset, seconds and fraction optional. A time
     * without an offset, as Python's {@code isoformat()} writes a naive one, is taken as UTC.
     */
    static Optional<Instant> startInstant(String startTime) {
        if (startTime == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(startTime).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return Optional.of(LocalDateTime.parse(startTime).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
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
