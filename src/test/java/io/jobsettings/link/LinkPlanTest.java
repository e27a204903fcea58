package io.jobsettings.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.jobsettings.link.LinkPlan.ScheduleDecision;
import io.jobsettings.link.LinkPlan.Start;
import io.jobsettings.settings.DefaultSchedule;
import io.jobsettings.settings.JobSettings;

class LinkPlanTest {

    private static final Instant ENABLED_AT = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void jobAndDiscoverOnLinkBecomeOneSyncThatDiscoversFirst() {
        assertThat(LinkPlan.of(jobs(true, true, DefaultSchedule.DEFAULTS), ENABLED_AT).start())
                .isEqualTo(Start.FULL_SYNC_AFTER_DISCOVER);
    }

    @Test
    void linkBeforeTheScheduleWasTurnedOnGetsNone() {
        LinkPlan plan = LinkPlan.of(jobs(false, false, enabledAt(ENABLED_AT)), ENABLED_AT.minusNanos(1));

        assertThat(plan.schedule()).isEqualTo(ScheduleDecision.LINKED_BEFORE_ENABLED);
    }

    @Test
    void linkAtOrAfterTheScheduleWasTurnedOnGetsOne() {
        assertThat(LinkPlan.of(jobs(false, false, enabledAt(ENABLED_AT)), ENABLED_AT).schedule())
                .isEqualTo(ScheduleDecision.CREATE);
        assertThat(LinkPlan.of(jobs(false, false, enabledAt(ENABLED_AT)), ENABLED_AT.plusSeconds(1)).schedule())
                .isEqualTo(ScheduleDecision.CREATE);
    }

    @Test
    void enabledScheduleWithoutAnEnablingTimeCreatesNothing() {
        LinkPlan plan = LinkPlan.of(jobs(false, false, new DefaultSchedule(true, "rate(1 day)", null)), ENABLED_AT);

        assertThat(plan.schedule()).isEqualTo(ScheduleDecision.SETTING_OFF);
    }

    private static DefaultSchedule enabledAt(Instant enabledAt) {
        return new DefaultSchedule(true, "rate(1 day)", enabledAt);
    }

    private static JobSettings jobs(boolean jobOnLink, boolean discoverOnLink, DefaultSchedule schedule) {
        return new JobSettings(false, false, jobOnLink, discoverOnLink, false, false, schedule);
    }
}
