package io.jobsettings.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.jobsettings.job.JobTarget;

class ScheduleNameTest {

    private static final JobTarget SAMPLE = new JobTarget("prod.acme.example", "FsLpQ0xgK", "cust-0042");

    @Test
    void nameStaysTheSameAcrossReleasesSoDeployedSchedulesAreFoundAgain() {
        assertThat(ScheduleName.of(SAMPLE)).isEqualTo("link-sync-6e64a34ba168f5777733ca4da095b711e65f3a86");
    }

    @Test
    void nameOfTheLongestIdsIsAValidSchedulerName() {
        String longest = "a".repeat(128);

        String name = ScheduleName.of(new JobTarget(longest, longest, longest));

        assertThat(name).hasSizeLessThanOrEqualTo(64).matches("[0-9a-zA-Z-_.]+");
    }

    @Test
    void idsThatWouldJoinToTheSameTextGetDifferentNames() {
        assertThat(ScheduleName.of(new JobTarget("env.a", "flow", "tenant")))
                .isNotEqualTo(ScheduleName.of(new JobTarget("env", "a.flow", "tenant")))
                .isNotEqualTo(ScheduleName.of(new JobTarget("env.a", "flow", "tenant2")));
    }
}
