package io.jobsettings.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client the extension configures, with the SDK's standard retry strategy instead of the legacy one it
 * defaults to for DynamoDB (nine attempts, throttled ones up to 20 s apart): three attempts with jittered backoff,
 * and a retry budget that stops retrying while the table keeps failing. A table that throttles is then reported as
 * throttling within a few seconds, not as a timeout after the call budget is spent.
 */
@ApplicationScoped
public class SettingsTableClientProducer {

    @Produces
    @ApplicationScoped
    DynamoDbClient settingsTableClient(DynamoDbClientBuilder builder) {
        return builder.overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                .build();
    }
}
