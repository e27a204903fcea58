package io.jobsettings.testing;

import java.time.Instant;

import io.jobsettings.settings.DefaultSchedule;
import io.jobsettings.settings.JobSettings;
import io.jobsettings.settings.Settings;
import io.jobsettings.settings.SettingsStore;

/** Stores an environment's job settings in the local table the way the settings API would. */
public final class StoredSettings {

    private StoredSettings() {
    }

    /** Job settings with the given switches, everything else at its default. */
    public static JobSettings jobs(boolean triggerJobOnLink, boolean triggerDiscoverOnLink, boolean forceFullSync,
            boolean forceDiscover, DefaultSchedule schedule) {
        return new JobSettings(forceFullSync, forceDiscover, triggerJobOnLink, triggerDiscoverOnLink, false, false,
                schedule);
    }

    public static DefaultSchedule scheduleEnabledAt(String expression, Instant enabledAt) {
        return new DefaultSchedule(true, expression, enabledAt);
    }

    /** Replaces the stored settings' job part, whatever version is stored now. */
    public static void store(SettingsStore store, String envId, JobSettings jobs) {
        store(store, store.read(envId).withServerFields(envId, 0, null, jobs));
    }

    /** Stores {@code settings} as the next version of its environment's settings. */
    public static void store(SettingsStore store, Settings settings) {
        long current = store.read(settings.envId()).version();
        Settings next = settings.withServerFields(settings.envId(), current + 1, Instant.now(), settings.jobs());
        try {
            store.write(next, current);
        } catch (SettingsStore.VersionConflict e) {
            throw new IllegalStateException("nothing else writes these settings during a test", e);
        }
    }
}
