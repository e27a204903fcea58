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
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.SchedulerClientBuilder;

/**
 * The EventBridge Scheduler client, built like the other AWS clients: URL-connection HTTP client, region and
 * credentials from the Lambda environment. {@code SCHEDULER_ENDPOINT} points it elsewhere for local runs and tests,
 * which may also give it a fixed region and key pair; a deployed function sets neither.
 *
 * <p>Its bounds keep a link inside the link function's 60 s (template.yaml) when the job runner and the scheduler
 * both hang and the table answers:
 * <ul>
 *   <li>job runner ({@code JobRunner}, application.properties): the last attempt may begin just before the 30 s
 *       retry budget ends, wait out a Retry-After of up to 5 s, take 3 s to connect and 10 s of silence before
 *       the read timeout: 30 + 5 + 3 + 10 = 48 s;</li>
 *   <li>scheduler: the create, and a delete when the tenant unlinked while it was being created, each cut off
 *       by the {@link #API_CALL_TIMEOUT} of 4 s: 8 s;</li>
 *   <li>48 + 8 = 56 s, which leaves 4 s for the table's few calls (milliseconds each when it answers; one that
 *       does not answer fails the first call, before anything is started).</li>
 * </ul>
 * Inside the 4 s, a try waits at most 2 s to connect and 2 s for data (Scheduler answers in well under a second),
 * and the standard retry mode tries 3 times, pausing up to 0.1 s and 0.2 s (1 s and 2 s when throttled): one lost
 * try is absorbed, a lasting fault fails the call, and the event's retry finishes the link.
 */
@Singleton
public class SchedulerClientProducer {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(4);

    @Produces
    @Singleton
    SchedulerClient scheduler(
            @ConfigProperty(name = "scheduler.endpoint") Optional<URI> endpoint,
            @ConfigProperty(name = "scheduler.region") Optional<String> region,
            @ConfigProperty(name = "scheduler.access-key-id") Optional<String> accessKeyId,
            @ConfigProperty(name = "scheduler.secret-access-key") Optional<String> secretAccessKey) {
        SchedulerClientBuilder builder = SchedulerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                // The mode is fixed so that AWS_RETRY_MODE cannot change how often a call is tried.
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).apiCallTimeout(API_CALL_TIMEOUT));
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
