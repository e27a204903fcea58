package io.jobsettings.settings;

import jakarta.validation.Valid;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Custom buckets for snapshots and cache; null means the platform's default bucket. */
@RegisterForReflection
public record StorageSettings(@Valid BucketSettings snapshots, @Valid BucketSettings cache) {

    public static final StorageSettings NONE = new StorageSettings(null, null);
}
