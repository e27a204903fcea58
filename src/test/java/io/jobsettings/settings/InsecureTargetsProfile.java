package io.jobsettings.settings;

import java.util.List;
import java.util.Map;

import io.jobsettings.testing.StandIns;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The settings function with the stand-ins on http://127.0.0.1 allowed as notification targets. */
public class InsecureTargetsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.lambda.handler", "settings", "allow.insecure.targets", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StandIns.class));
    }
}
