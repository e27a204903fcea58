package io.jobsettings.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the local stores once per test JVM and hands their endpoints to Quarkus. Test profiles restart Quarkus,
 * not the stores; each test uses its own environment id, so tests never see each other's items.
 *
 * <p>The function set reaches each store through a {@link StoreFaults} proxy that passes everything through until a
 * test injects a fault; tests that read the stores directly use the stores' own endpoints.
 */
public class LocalStoresResource implements QuarkusTestResourceLifecycleManager {

    private static LocalStores stores;
    private static StoreFaults tableFaults;
    private static StoreFaults s3Faults;

    public static synchronized LocalStores stores() {
        if (stores == null) {
            System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
            System.setProperty("aws.responseChecksumValidation", "WHEN_REQUIRED");
            stores = LocalStores.start(Path.of("").toAbsolutePath());
            tableFaults = StoreFaults.inFrontOf(stores.dynamoEndpoint());
            s3Faults = StoreFaults.inFrontOf(stores.s3().endpoint());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                tableFaults.close();
                s3Faults.close();
                stores.close();
            }));
        }
        return stores;
    }

    /** The proxy between the function set and the settings table. */
    public static synchronized StoreFaults tableFaults() {
        stores();
        return tableFaults;
    }

    /** The proxy between the function set and S3 (the platform's buckets and, in tests, the customers' too). */
    public static synchronized StoreFaults s3Faults() {
        stores();
        return s3Faults;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>(stores().config());
        config.put("quarkus.dynamodb.endpoint-override", tableFaults.endpoint());
        config.put("quarkus.s3.endpoint-override", s3Faults.endpoint());
        return config;
    }

    @Override
    public void stop() {
        // The stores outlive one Quarkus start; the shutdown hook stops them with the JVM.
    }
}
