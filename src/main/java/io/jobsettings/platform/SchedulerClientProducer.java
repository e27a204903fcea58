package io.jobsettings.platform;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.SchedulerClientBuilder;

/**
 * The EventBridge Scheduler client, built like the other AWS clients: URL-connection HTTP client, region and
 * credentials from the Lambda environment. {@code SCHEDULER_ENDPOINT} points it elsewhere for local runs and tests,
 * which may also give it a fixed region and key pair; a deployed function sets neither.
 */
@Singleton
public class SchedulerClientProducer {

    @Produces
    @Singleton
    SchedulerClient scheduler(
            @ConfigProperty(name = "scheduler.endpoint") Optional<URI> endpoint,
            @ConfigProperty(name = "scheduler.region") Optional<String> region,
            @ConfigProperty(name = "scheduler.access-key-id") Optional<String> accessKeyId,
            @ConfigProperty(name = "scheduler.secret-access-key") Optional<String> secretAccessKey) {
        SchedulerClientBuilder builder = SchedulerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(Duration.ofSeconds(10)));
        endpoint.ifPresent(builder::endpointOverride);
        region.map(Region::of).ifPresent(builder::region);
        if (accessKeyId.isPresent() && secretAccessKey.isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.get())));
        }
        return builder.build();
    }

    void close(@Disposes SchedulerClient scheduler) {
        scheduler.close();
    }
}
