package io.jobsettings.settings;

import static io.jobsettings.settings.SettingsApiTest.path;
import static io.jobsettings.testing.HttpApiCall.as;
import static io.jobsettings.testing.HttpApiCall.uniqueEnvId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.jobsettings.testing.HttpApiCall.Answer;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.S3Server;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** POST .../settings/test probes a storage bucket with the actions the function set needs. */
@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
class StorageTestRouteTest {

    @Test
    void defaultStorageIsProbedWithThePlatformsCredentials() {
        String envId = uniqueEnvId("probe-default");

        Answer answer = test(envId, "snapshots");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().getBoolean("ok")).as(answer.body()).isTrue();
        assertThat(answer.json().getString("bucket")).isEqualTo("local-platform-storage");
        assertThat(answer.json().getBoolean("custom")).isFalse();
        assertThat(answer.json().getList("steps.action", String.class))
                .containsExactly("s3:PutObject", "s3:GetObject", "s3:ListBucket", "s3:DeleteObject");
        assertThat(answer.json().getString("key")).startsWith(envId + "/.settings-probe/");
    }

    @Test
    void customBucketIsProbedWithTheCustomersOwnKeysAndTheProbeObjectIsRemoved() {
        String envId = uniqueEnvId("probe-custom");
        String bucket = "customer-" + Long.toString(System.nanoTime(), 36);
        LocalStoresResource.stores().s3().createBucket(bucket);
        storeCache(envId, bucket, S3Server.ACCESS_KEY, S3Server.SECRET_KEY);

        Answer answer = test(envId, "cache");

        assertThat(answer.json().getBoolean("ok")).as(answer.body()).isTrue();
        assertThat(answer.json().getBoolean("custom")).isTrue();
        assertThat(answer.json().getString("key")).startsWith("etl/" + envId + "/.settings-probe/");
        assertThat(LocalStoresResource.stores().s3().keys(bucket)).isEmpty();
    }

    @Test
    void wrongKeysAreReportedForEachActionWithWhatS3Said() {
        String envId = uniqueEnvId("probe-wrong-keys");
        String bucket = "customer-" + Long.toString(System.nanoTime(), 36);
        LocalStoresResource.stores().s3().createBucket(bucket);
        storeCache(envId, bucket, S3Server.ACCESS_KEY, "not/the/right/secret/key/at/all/0000000");

        Answer answer = test(envId, "cache");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().getBoolean("ok")).isFalse();
        List<Map<String, Object>> steps = answer.json().getList("steps");
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.get("ok")).isEqualTo(false);
            assertThat((String) step.get("error")).isNotBlank();
        });
        // S3Proxy may close the connection before a PUT's body is sent; the bodiless actions always get S3's answer.
        assertThat(steps.subList(1, 4)).allSatisfy(step ->
                assertThat((String) step.get("error")).contains("SignatureDoesNotMatch: HTTP 403"));
        assertThat(answer.body()).doesNotContain("not/the/right/secret");
    }

    @Test
    void missingBucketIsReportedAsSuch() {
        String envId = uniqueEnvId("probe-missing");
        storeCache(envId, "no-such-bucket-here", S3Server.ACCESS_KEY, S3Server.SECRET_KEY);

        Answer answer = test(envId, "cache");

        assertThat(answer.json().getBoolean("ok")).isFalse();
        assertThat(answer.json().getString("steps[0].error")).contains("NoSuchBucket");
    }

    @Test
    void unknownTargetGets400NamingTheMember() {
        String envId = uniqueEnvId("probe-unknown");

        Answer answer = as(envId, "POST", path(envId) + "/test").json("{\"target\": \"ftp\"}").send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("errors[0].pointer")).isEqualTo("/target");
    }

    @Test
    void readOnlyCallerMayNotProbe() {
        String envId = uniqueEnvId("probe-read-only");

        Answer answer = as(envId, "POST", path(envId) + "/test").claims(envId, "settings:read")
                .json("{\"target\": \"snapshots\"}").send();

        assertThat(answer.status()).isEqualTo(403);
    }

    private static void storeCache(String envId, String bucket, String accessKey, String secretKey) {
        Answer put = as(envId, "PUT", path(envId)).json("""
                {"storage": {"cache": {"bucket": "%s", "region": "us-east-1", "prefix": "etl/",
                                       "accessKeyId": "%s", "secretAccessKey": "%s"}}}
                """.formatted(bucket, accessKey, secretKey)).send();
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    private static Answer test(String envId, String target) {
        return as(envId, "POST", path(envId) + "/test").json("{\"target\": \"" + target + "\"}").send();
    }
}
