package io.jobsettings.settings;

import static io.jobsettings.settings.SettingsApiTest.get;
import static io.jobsettings.settings.SettingsApiTest.path;
import static io.jobsettings.testing.HttpApiCall.as;
import static io.jobsettings.testing.HttpApiCall.uniqueEnvId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.jobsettings.platform.http.ProblemException;
import io.jobsettings.testing.HttpApiCall.Answer;
import io.jobsettings.testing.LocalStoresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Parallel writers on one environment never lose each other's update. */
@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
class SettingsConcurrencyTest {

    private static final List<String> STATUSES = List.of("DISCOVER_STARTED", "DISCOVER_FAILED", "SYNC_STARTED",
            "SYNC_FAILED", "SYNC_SUCCESS", "ETL_STARTED", "ETL_FAILED", "ETL_SUCCESS");

    @Inject
    SettingsService service;

    @Inject
    ObjectMapper mapper;

    @Test
    void parallelPatchesWithIfMatchNeverLoseAnUpdate() throws Exception {
        String envId = uniqueEnvId("if-match-race");
        as(envId, "PUT", path(envId)).json("""
                {"webhook": {"url": "https://93.184.216.34/jobs", "secret": "%s", "events": ["JOB_CREATED"]}}
                """.formatted(SettingsDocuments.WEBHOOK_SECRET)).send();
        AtomicInteger preconditionFailures = new AtomicInteger();

        List<Callable<Integer>> writers = new ArrayList<>();
        for (String status : STATUSES) {
            writers.add(() -> addEventWithIfMatch(envId, status, preconditionFailures));
        }
        List<Integer> versionsWritten = runAll(writers);

        JsonPath stored = get(envId).json();
        assertThat(stored.getList("webhook.events", String.class))
                .containsExactlyInAnyOrderElementsOf(withCreated(STATUSES));
        assertThat(versionsWritten).doesNotHaveDuplicates().hasSize(STATUSES.size());
        assertThat(stored.getLong("version")).isEqualTo(1 + STATUSES.size());
    }

    @Test
    void parallelWritersInsideTheFunctionRetryOnConflictAndKeepEveryChange() throws Exception {
        String envId = uniqueEnvId("server-race");
        List<String> flags = List.of("forceFullSync", "forceDiscover", "triggerJobOnLink", "triggerDiscoverOnLink",
                "rollbackOnFailure", "saveSnapshotsOnFailure");

        List<Callable<Integer>> writers = new ArrayList<>();
        for (String flag : flags) {
            writers.add(() -> (int) service.patch(envId,
                    mapper.readTree("{\"jobs\": {\"" + flag + "\": true}}"), Optional.empty()).version());
        }
        List<Integer> versions = runAll(writers);

        Settings stored = service.read(envId);
        assertThat(versions).doesNotHaveDuplicates();
        assertThat(stored.version()).isEqualTo(flags.size());
        JobSettings jobs = stored.jobs();
        assertThat(List.of(jobs.forceFullSync(), jobs.forceDiscover(), jobs.triggerJobOnLink(),
                jobs.triggerDiscoverOnLink(), jobs.rollbackOnFailure(), jobs.saveSnapshotsOnFailure()))
                .containsOnly(true);
    }

    @Test
    void parallelWritersWithTheSameIfMatchInsideTheFunctionLetExactlyOneWin() throws Exception {
        String envId = uniqueEnvId("same-if-match");
        service.patch(envId, mapper.readTree("{}"), Optional.empty());
        AtomicInteger refused = new AtomicInteger();

        List<Callable<Integer>> writers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            writers.add(() -> {
                try {
                    return (int) service.patch(envId, mapper.readTree("{\"jobs\": {\"forceDiscover\": true}}"),
                            Optional.of("\"1\"")).version();
                } catch (ProblemException e) {
                    assertThat(e.status()).isEqualTo(412);
                    refused.incrementAndGet();
                    return -1;
                }
            });
        }
        List<Integer> versions = runAll(writers);

        assertThat(versions).containsOnlyOnce(2);
        assertThat(refused.get()).isEqualTo(5);
        assertThat(service.read(envId).version()).isEqualTo(2);
    }

    private static int addEventWithIfMatch(String envId, String status, AtomicInteger preconditionFailures) {
        for (int attempt = 0; attempt < 100; attempt++) {
            Answer read = get(envId);
            List<String> events = new ArrayList<>(read.json().getList("webhook.events", String.class));
            events.add(status);
            String patch = "{\"webhook\": {\"events\": [\"" + String.join("\", \"", events) + "\"]}}";

            Answer written = as(envId, "PATCH", path(envId)).header("if-match", read.header("etag"))
                    .mergePatch(patch).send();
            if (written.status() == 200) {
                return written.json().getInt("version");
            }
            assertThat(written.status()).as(written.body()).isEqualTo(412);
            preconditionFailures.incrementAndGet();
        }
        throw new AssertionError("no write of " + status + " succeeded in 100 attempts");
    }

    private static List<String> withCreated(List<String> statuses) {
        List<String> all = new ArrayList<>(statuses);
        all.add("JOB_CREATED");
        return all;
    }

    private static List<Integer> runAll(List<Callable<Integer>> writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : pool.invokeAll(writers)) {
                results.add(future.get());
            }
            return results.stream().filter(v -> v >= 0).toList();
        } finally {
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
