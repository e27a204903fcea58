package io.jobsettings.storage;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The one object readers open first: it names the current version of a tenant's snapshots (or cache) and the files
 * in it. It is written last, in one PUT, so a reader sees either the old version whole or the new one whole.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String kind, Version current, List<Version> previous) {

    /** One committed version of a tenant's files. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Version(String version, String prefix, String jobId, String s3Root, String status,
            String startTime, String committedAt, List<StoredFile> files) {

        Version withoutFiles() {
            return new Version(version, prefix, jobId, s3Root, status, startTime, committedAt, null);
        }
    }

    /** A file of a version, with its size, so a reader can check it got all of it. */
    @RegisterForReflection
    public record StoredFile(String key, long size) {
    }

    /** The manifest after {@code next} became current, keeping at most {@code kept} older versions. */
    Manifest advancedTo(Version next, int kept) {
        List<Version> older = new ArrayList<>();
        if (current != null && !current.version().equals(next.version())) {
            older.add(current.withoutFiles());
        }
        if (previous != null) {
            previous.stream().filter(v -> !v.version().equals(next.version())).forEach(older::add);
        }
        return new Manifest(kind, next, List.copyOf(older.subList(0, Math.min(kept, older.size()))));
    }

    List<String> versionsKept() {
        List<String> versions = new ArrayList<>();
        if (current != null) {
            versions.add(current.version());
        }
        if (previous != null) {
            previous.forEach(v -> versions.add(v.version()));
        }
        return versions;
    }
}
