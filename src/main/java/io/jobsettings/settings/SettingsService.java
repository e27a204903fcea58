package io.jobsettings.settings;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.JsonNode;

import io.jobsettings.platform.http.ProblemException;

/**
 * Reads and changes an environment's settings. Every change is a read, a pure transformation and a conditional write
 * of the next version, so two writers never lose each other's update: with If-Match the loser gets 412, without it
 * the change is applied again to what the winner stored.
 */
@Singleton
public class SettingsService {

    private static final Logger LOG = Logger.getLogger(SettingsService.class);
    private static final int MAX_ATTEMPTS = 16;

    private final SettingsStore store;
    private final SettingsDocumentReader reader;
    private final Clock clock;

    @Inject
    public SettingsService(SettingsStore store, SettingsDocumentReader reader) {
        this(store, reader, Clock.systemUTC());
    }

    SettingsService(SettingsStore store, SettingsDocumentReader reader, Clock clock) {
        this.store = store;
        this.reader = reader;
        this.clock = clock;
    }

    public Settings read(String envId) {
        return store.read(envId);
    }

    public Settings replace(String envId, JsonNode body, Optional<String> ifMatch) {
        return update(envId, ifMatch, current -> reader.replacement(envId, body, current));
    }

    public Settings patch(String envId, JsonNode patch, Optional<String> ifMatch) {
        return update(envId, ifMatch, current -> reader.patched(envId, patch, current));
    }

    /**
     * Back to the defaults, secrets erased. The version still moves on, so no stale If-Match can win later; an
     * environment that never stored settings is already at its defaults and stays without an item.
     */
    public Settings reset(String envId, Optional<String> ifMatch) {
        return update(envId, ifMatch, current -> current.version() == 0 ? current : Settings.defaults(envId));
    }

    private Settings update(String envId, Optional<String> ifMatch, UnaryOperator<Settings> change) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Settings current = store.read(envId);
            if (ifMatch.isPresent() && !EntityTags.matches(ifMatch.get(), current.version())) {
                throw preconditionFailed(current.version());
            }
            Settings changed = change.apply(current);
            if (changed == current) {
                return current;
            }
            Settings next = stamped(changed, current);
            if (current.version() > 0 && sameDocument(next, current)) {
                return current;
            }
            try {
                store.write(next, current.version());
                MDC.put("version", next.version());
                MDC.put("attempt", attempt);
                LOG.info("settings stored");
                return next;
            } catch (SettingsStore.VersionConflict conflict) {
                if (ifMatch.isPresent()) {
                    throw preconditionFailed(current.version() + 1);
                }
            }
        }
        throw new ProblemException(409, "Conflict",
                "the settings kept changing while this request was applied; read them again and retry");
    }

    private Settings stamped(Settings next, Settings current) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        DefaultSchedule schedule = next.jobs().defaultSchedule()
                .stampedAgainst(current.jobs().defaultSchedule(), now);
        return next.withServerFields(current.envId(), current.version() + 1, now,
                next.jobs().withDefaultSchedule(schedule));
    }

    /** A write that changes nothing stores nothing, so the ETag moves only when the document does. */
    private static boolean sameDocument(Settings next, Settings current) {
        return next.withServerFields(current.envId(), current.version(), current.updatedAt(), next.jobs())
                .equals(current);
    }

    private static ProblemException preconditionFailed(long version) {
        return new ProblemException(412, "Precondition Failed",
                "If-Match does not name the current version; read the settings again (current ETag is at least \""
                        + version + "\")");
    }
}
