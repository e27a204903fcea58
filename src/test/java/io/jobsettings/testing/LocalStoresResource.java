package io.jobsettings.testing;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the local stores once per test JVM and hands their endpoints to Quarkus. Test profiles restart Quarkus,
 * not the stores; each test uses its own environment id, so tests never see each other's items.
 */
public class LocalStoresResource implements QuarkusTestResourceLifecycleManager {

    private static LocalStores stores;

    public static synchronized LocalStores stores() {
        if (stores == null) {
            System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
            System.setProperty("aws.responseChecksumValidation", "WHEN_REQUIRED");
            stores = LocalStores.start(Path.of("").toAbsolutePath());
            Runtime.getRuntime().addShutdownHook(new Thread(stores::close));
        }
        return stores;
    }

    @Override
    public Map<String, String> start() {
        return stores().config();
    }

    @Override
    public void stop() {
        // The stores outlive one Quarkus start; the shutdown hook stops them with the JVM.
    }
}
