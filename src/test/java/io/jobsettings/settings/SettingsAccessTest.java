package io.jobsettings.settings;

import static io.jobsettings.settings.SettingsApiTest.get;
import static io.jobsettings.settings.SettingsApiTest.path;
import static io.jobsettings.settings.SettingsDocuments.FULL;
import static io.jobsettings.testing.HttpApiCall.anonymous;
import static io.jobsettings.testing.HttpApiCall.as;
import static io.jobsettings.testing.HttpApiCall.uniqueEnvId;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jobsettings.testing.HttpApiCall.Answer;
import io.jobsettings.testing.LocalStoresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Authorization from the JWT authorizer's claims: one environment never reads or changes another's settings. */
@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
class SettingsAccessTest {

    private String envId;
    private String before;

    @BeforeEach
    void storeSettings() {
        envId = uniqueEnvId("access");
        as(envId, "PUT", path(envId)).json(FULL).send();
        before = get(envId).body();
    }

    @Test
    void requestWithoutAuthorizerContextGets401() {
        Answer answer = anonymous("GET", path(envId)).send();

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("EU1", "acme-etl-snapshots");
    }

    @Test
    void callerOfAnotherEnvironmentGets403AndLearnsNothing() {
        Answer existing = as("mine.acme.example", "GET", path(envId)).send();
        Answer missing = as("mine.acme.example", "GET", path(uniqueEnvId("never-stored"))).send();

        assertThat(existing.status()).isEqualTo(403);
        assertThat(existing.body()).isEqualTo(missing.body());
        assertThat(existing.headers()).doesNotContainKey("etag");
        assertThat(existing.body()).doesNotContain(envId, "EU1", "acme-etl-snapshots");
    }

    @Test
    void callerOfAnotherEnvironmentCannotWriteIt() {
        for (Answer answer : new Answer[] {
            as("mine.acme.example", "PUT", path(envId)).json("{}").send(),
            as("mine.acme.example", "PATCH", path(envId)).mergePatch("{\"slack\": null}").send(),
            as("mine.acme.example", "DELETE", path(envId)).send()}) {
            assertThat(answer.status()).isEqualTo(403);
        }
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void everyRouteRefusesACallerOfAnotherEnvironmentAlikeWhetherOrNotItExists() {
        String neverStored = uniqueEnvId("never-stored");
        for (String route : SettingsApi.ROUTES) {
            Answer existing = asStranger(route, envId);
            Answer missing = asStranger(route, neverStored);

            assertThat(existing.status()).as(route).isEqualTo(403);
            assertThat(existing.body()).as(route).isEqualTo(missing.body().replace(neverStored, envId))
                    .doesNotContain("EU1", "acme-etl-snapshots", "9f3a");
        }
        assertThat(get(envId).body()).isEqualTo(before);
    }

    /** The route called with a body it would take, by a caller who may write only another environment. */
    private static Answer asStranger(String route, String target) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1).replace("{envId}", target);
        var call = as("mine.acme.example", method, path).query("job_id", "job-1");
        return switch (method) {
            case "PUT" -> call.json("{}").send();
            case "PATCH" -> call.mergePatch("{\"slack\": null}").send();
            case "POST" -> call.json("{\"target\": \"webhook\"}").send();
            default -> call.send();
        };
    }

    @Test
    void readScopeMayReadButNotWrite() {
        Answer read = as(envId, "GET", path(envId)).claims(envId, "settings:read").send();
        Answer write = as(envId, "PATCH", path(envId)).claims(envId, "settings:read")
                .mergePatch("{\"slack\": null}").send();

        assertThat(read.status()).isEqualTo(200);
        assertThat(write.status()).isEqualTo(403);
        assertThat(get(envId).body()).isEqualTo(before);
    }

    @Test
    void noScopeMayNotRead() {
        Answer answer = as(envId, "GET", path(envId)).claims(envId).send();

        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void envIdsClaimMayListSeveralEnvironmentsSpaceCommaOrBracketSeparated() {
        String[] claims = {"a.example " + envId, "a.example," + envId, "[a.example " + envId + "]",
            "[\"a.example\",\"" + envId + "\"]"};
        for (String claim : claims) {
            Answer answer = as(envId, "GET", path(envId)).claims(claim, "settings:read").send();
            assertThat(answer.status()).as(claim).isEqualTo(200);
        }
    }

    @Test
    void environmentWhoseIdOnlyStartsLikeAnAllowedOneIsRefused() {
        Answer answer = as(envId.substring(0, 8), "GET", path(envId)).send();

        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void scopeInTheScopeClaimIsHonoured() {
        Answer answer = as(envId, "GET", path(envId)).claims(envId).send();
        assertThat(answer.status()).isEqualTo(403);

        var event = as(envId, "GET", path(envId)).claims(envId).event();
        claimsOf(event).put("scope", "openid settings:read");
        Answer scoped = io.jobsettings.testing.HttpApiCall.read(io.jobsettings.testing.LambdaInvoker.invoke(event));
        assertThat(scoped.status()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> claimsOf(java.util.Map<String, Object> event) {
        var context = (java.util.Map<String, Object>) event.get("requestContext");
        var authorizer = (java.util.Map<String, Object>) context.get("authorizer");
        var jwt = (java.util.Map<String, Object>) authorizer.get("jwt");
        return (java.util.Map<String, Object>) jwt.get("claims");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"%s\",\"other.acme.example\"]", "\"%s\"", "[other.acme.example %s]",
        "\"other.acme.example\", \"%s\""})
    void quotedAndBracketedClaimsGrantTheirEnvironmentsOnly(String template) {
        String claim = template.formatted(envId);

        Answer mine = as(claim, "GET", path(envId)).send();
        Answer another = as(claim, "GET", path(uniqueEnvId("not-granted"))).send();

        assertThat(mine.status()).as(claim + ": " + mine.body()).isEqualTo(200);
        assertThat(another.status()).as(claim).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "[\"*\"]", "\"\"", "[\"\"]", "\"\"%s\"\"", "\"%s", "[\"*\",\"\"]"})
    void wildcardEmptyOrDoublyQuotedClaimGrantsNothing(String template) {
        String claim = template.formatted(envId);

        Answer read = as(claim, "GET", path(envId)).send();
        Answer write = as(claim, "DELETE", path(envId)).send();

        assertThat(read.status()).as(claim).isEqualTo(403);
        assertThat(write.status()).as(claim).isEqualTo(403);
        assertThat(get(envId).body()).isEqualTo(before);
    }
}
