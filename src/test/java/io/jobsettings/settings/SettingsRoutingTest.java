package io.jobsettings.settings;

import static io.jobsettings.testing.HttpApiCall.as;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.jobsettings.testing.HttpApiCall.Answer;
import io.jobsettings.testing.LocalStoresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(LocalStoresResource.class)
class SettingsRoutingTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/environments", "/environments/a.example", "/environments/a.example/other",
        "/environments/a.example/settings/test/extra", "/environments//settings"})
    void unknownRouteGets404(String path) {
        Answer answer = as("a.example", "GET", path).send();

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
    }

    @Test
    void wrongMethodGets405WithAllow() {
        Answer answer = as("a.example", "POST", "/environments/a.example/settings").json("{}").send();

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("allow")).isEqualTo("GET, PUT, PATCH, DELETE");
    }

    @Test
    void wrongMethodOnTestRouteGets405() {
        Answer answer = as("a.example", "GET", "/environments/a.example/settings/test").send();

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("allow")).isEqualTo("POST");
    }

    static java.util.stream.Stream<String> notIds() {
        return java.util.stream.Stream.of("..", ".", "a%2F..%2Fb", "-leading", "x".repeat(129), "sp ace", "%00",
                "ünicode");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("notIds")
    void environmentIdThatIsNotAnIdGets400(String envId) {
        Answer answer = as(envId, "GET", "/environments/" + envId + "/settings").send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().getString("detail")).contains("environment id");
    }

    @Test
    void trailingSlashReachesTheSameRoute() {
        Answer answer = as("slash.acme.example", "GET", "/environments/slash.acme.example/settings/").send();

        assertThat(answer.status()).isEqualTo(200);
    }
}
