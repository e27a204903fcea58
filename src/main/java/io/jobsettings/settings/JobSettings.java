package io.jobsettings.settings;

import jakarta.validation.Valid;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How jobs of the environment run, and what a new link starts. */
@RegisterForReflection
public record JobSettings(
        boolean forceFullSync,
        boolean forceDiscover,
        boolean triggerJobOnLink,
        boolean triggerDiscoverOnLink,
        boolean rollbackOnFailure,
        boolean saveSnapshotsOnFailure,
        @Valid DefaultSchedule defaultSchedule) {

    public static final JobSettings DEFAULTS =
            new JobSettings(false, false, false, false, false, false, DefaultSchedule.DEFAULTS);

    public JobSettings {
        defaultSchedule = defaultSchedule != null ? defaultSchedule : DefaultSchedule.DEFAULTS;
    }

    public JobSettings withDefaultSchedule(DefaultSchedule schedule) {
        return new JobSettings(forceFullSync, forceDiscover, triggerJobOnLink, triggerDiscoverOnLink,
                rollbackOnFailure, saveSnapshotsOnFailure, schedule);
    }
}
