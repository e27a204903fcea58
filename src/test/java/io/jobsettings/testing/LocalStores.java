package io.jobsettings.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The local stores the function set needs: dynalite for the settings table, S3Proxy for the buckets, both
 * provisioned the way {@code template.yaml} provisions them in AWS. Tests and the local run share this.
 */
public final class LocalStores implements AutoCloseable {

    public static final String TABLE = "job-settings";
    public static final String JOBS_BUCKET = "local-platform-jobs";
    public static final String DEFAULT_STORAGE_BUCKET = "local-platform-storage";
    public static final String REGION = "us-east-1";
    public static final String DYNAMO_ACCESS_KEY = "LOCALDYNAMOKEY000001";
    public static final String DYNAMO_SECRET_KEY = "local-dynamo-secret";
    /** Base64 of 32 fixed bytes: for tests and local runs only. */
    public static final String SECRETS_KEY = "bG9jYWwtb25seS1zZWNyZXRzLWtleS0zMi1ieXRlcyE=";

    private final Dynalite dynalite;
    private final S3Server s3;

    private LocalStores(Dynalite dynalite, S3Server s3) {
        this.dynalite = dynalite;
        this.s3 = s3;
    }

    public static LocalStores start(Path projectRoot) {
        Dynalite dynalite = Dynalite.start(projectRoot);
        S3Server s3 = S3Server.start();
        LocalStores stores = new LocalStores(dynalite, s3);
        stores.createTable();
        List.of(JOBS_BUCKET, DEFAULT_STORAGE_BUCKET).forEach(s3::createBucket);
        return stores;
    }

    public S3Server s3() {
        return s3;
    }

    public String dynamoEndpoint() {
        return dynalite.endpoint();
    }

    /** The configuration the function set needs to use these stores, as Quarkus properties. */
    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.dynamodb.endpoint-override", dynalite.endpoint());
        config.put("quarkus.dynamodb.aws.region", REGION);
        config.put("quarkus.dynamodb.aws.credentials.type", "static");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", DYNAMO_ACCESS_KEY);
        config.put("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", DYNAMO_SECRET_KEY);
        config.put("quarkus.s3.endpoint-override", s3.endpoint());
        config.put("quarkus.s3.path-style-access", "true");
        // S3Proxy does not take the SDK's default flexible checksums; false maps to WHEN_REQUIRED.
        config.put("quarkus.s3.checksum-validation", "false");
        config.put("quarkus.s3.aws.region", REGION);
        config.put("quarkus.s3.aws.credentials.type", "static");
        config.put("quarkus.s3.aws.credentials.static-provider.access-key-id", S3Server.ACCESS_KEY);
        config.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", S3Server.SECRET_KEY);
        config.put("settings.table", TABLE);
        config.put("jobs.bucket", JOBS_BUCKET);
        config.put("default.storage.bucket", DEFAULT_STORAGE_BUCKET);
        config.put("secrets.key", SECRETS_KEY);
        return config;
    }

    /** A DynamoDB client as the function set builds it, for tests that look at the table directly. */
    public DynamoDbClient dynamoClient() {
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(dynalite.endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(DYNAMO_ACCESS_KEY, DYNAMO_SECRET_KEY)))
                .build();
    }

    private void createTable() {
        try (DynamoDbClient dynamo = dynamoClient()) {
            dynamo.createTable(b -> b.tableName(TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            stringAttribute("pk"), stringAttribute("sk"))
                    .keySchema(
                            KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        }
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    @Override
    public void close() {
        s3.close();
        dynalite.close();
    }
}
