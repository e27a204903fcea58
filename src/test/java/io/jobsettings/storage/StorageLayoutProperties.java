package io.jobsettings.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.jobsettings.job.JobStatus;

/** Keys stay under {prefix}{env}/{tenant}/, and versions sort as their jobs started. */
class StorageLayoutProperties {

    @Property(tries = 300)
    void keysNeverEscapeTheTenantsFolder(@ForAll("ids") String envId, @ForAll("ids") String tenant,
            @ForAll("roots") String s3Root, @ForAll("prefixes") String prefix) {
        JobOutputs job;
        try {
            job = new JobOutputs(envId, tenant, "job", s3Root, JobStatus.JOB_COMPLETED, "2026-12-03T09:15:02Z");
        } catch (StorageFailure refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        String base = StorageLayout.basePrefix(prefix, job);
        String expected = prefix + envId + "/" + tenant + "/";

        assertThat(base).isEqualTo(expected);
        assertThat(envId).doesNotContain("/").isNotIn(".", "..");
        assertThat(tenant).doesNotContain("/").isNotIn(".", "..");
        for (StorageKind kind : StorageKind.values()) {
            String version = StorageLayout.versionOf(job);
            assertThat(StorageLayout.versionPrefix(base, kind, version)).startsWith(expected)
                    .doesNotContain("/../").doesNotContain("/./");
            assertThat(version).matches("[0-9A-Za-z]+-[0-9a-f]{12}");
            assertThat(job.sourcePrefix(kind)).doesNotStartWith("/").doesNotContain("..");
        }
    }

    @Property(tries = 300)
    void versionsSortByStartTimeHoweverTheTimeIsWritten(@ForAll("instants") Instant earlier,
            @ForAll("instants") Instant later, @ForAll("styles") int earlierStyle, @ForAll("styles") int laterStyle) {
        Assume.that(earlier.toEpochMilli() < later.toEpochMilli());

        String a = StorageLayout.versionOf(job("root/a", written(earlier, earlierStyle)));
        String b = StorageLayout.versionOf(job("root/b", written(later, laterStyle)));

        assertThat(a).as(written(earlier, earlierStyle) + " before " + written(later, laterStyle)).isLessThan(b);
    }

    @Property(tries = 100)
    void aRetriedCopyOfTheSameJobGetsTheSameVersion(@ForAll("instants") Instant start, @ForAll("styles") int style) {
        assertThat(StorageLayout.versionOf(job("root/x", written(start, style))))
                .isEqualTo(StorageLayout.versionOf(job("root/x", written(start, style))));
    }

    private static JobOutputs job(String s3Root, String startTime) {
        return new JobOutputs("prod.acme.example", "cust-0042", "job", s3Root, JobStatus.JOB_COMPLETED, startTime);
    }

    /** The same instant as a job runner might write it: as Instant prints it, with trimmed or padded fractions, or
     * with an offset. */
    private static String written(Instant instant, int style) {
        return switch (style) {
            case 0 -> instant.toString();
            case 1 -> instant.getNano() == 0 ? instant.toString().replace("Z", ".0Z")
                    : instant.toString().replaceAll("0+Z$", "Z");
            default -> instant.atOffset(ZoneOffset.ofHours(2)).toString();
        };
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(1_700_000_000L, 1_700_000_100L);
        Arbitrary<Integer> millis = Arbitraries.of(0, 1, 100, 118, 120, 500, 999);
        return net.jqwik.api.Combinators.combine(seconds, millis)
                .as((s, ms) -> Instant.ofEpochSecond(s, ms * 1_000_000L));
    }

    @Provide
    Arbitrary<Integer> styles() {
        return Arbitraries.of(0, 1, 2);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abc.-_/\\@+=%\u0000\u202e\u200b").ofMinLength(0).ofMaxLength(12),
                Arbitraries.of("..", ".", "../x", "a/../b", "prod.acme.example", "cust-0042", "a%2f..", ".hidden"));
    }

    @Provide
    Arbitrary<String> roots() {
        return Arbitraries.of("cust/flows/F/jobs/1", "/abs", "a/../b", "..", "", " ", "x/", "a/./b");
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("", "etl/", "a/b/");
    }
}
