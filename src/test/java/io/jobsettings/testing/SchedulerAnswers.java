package io.jobsettings.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.UUID;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import io.jobsettings.platform.SchedulerClientProducer;

/**
 * What EventBridge Scheduler answers, in its REST-JSON wire format, for the stand-in to send: successes, the error
 * answers the SDK reads (the error type in the {@code x-amzn-ErrorType} header, or as {@code __type} in the body),
 * and what a network adds (a reset connection, a hang).
 */
public final class SchedulerAnswers {

    /** Longer than the client waits for data, so a hanging try always ends at the client's socket timeout. */
    public static final int HANG_MS = (int) SchedulerClientProducer.SOCKET_TIMEOUT.toMillis() + 3_000;

    private SchedulerAnswers() {
    }

    /** CreateSchedule requests for the schedule {@code name}. */
    public static MappingBuilder createSchedule(String name) {
        return post(urlPathEqualTo("/schedules/" + name));
    }

    /** DeleteSchedule requests for the schedule {@code name}. */
    public static MappingBuilder deleteSchedule(String name) {
        return delete(urlPathEqualTo("/schedules/" + name));
    }

    public static ResponseDefinitionBuilder created(String group, String name) {
        return json(200, "{\"ScheduleArn\": \"arn:aws:scheduler:us-east-1:123456789012:schedule/" + group + "/" + name
                + "\"}");
    }

    public static ResponseDefinitionBuilder deleted() {
        return json(200, "{}");
    }

    /** An error answer naming its type in the {@code x-amzn-ErrorType} header, as the service sends it. */
    public static ResponseDefinitionBuilder error(int status, String type, String message) {
        return json(status, "{\"Message\": \"" + message + "\"}").withHeader("x-amzn-ErrorType", type);
    }

    /** An error answer naming its type only as {@code __type} in the body, which the SDK reads as well. */
    public static ResponseDefinitionBuilder errorTypedInBody(int status, String type, String message) {
        return json(status, "{\"__type\": \"com.amazonaws.scheduler#" + type + "\", \"Message\": \"" + message
                + "\"}");
    }

    public static ResponseDefinitionBuilder throttled() {
        return error(429, "ThrottlingException", "Rate exceeded");
    }

    public static ResponseDefinitionBuilder internalError() {
        return error(500, "InternalServerException", "Internal Server Error");
    }

    public static ResponseDefinitionBuilder conflict() {
        return error(409, "ConflictException", "Schedule already exists.");
    }

    public static ResponseDefinitionBuilder notFound() {
        return error(404, "ResourceNotFoundException", "Schedule not found.");
    }

    public static ResponseDefinitionBuilder connectionReset() {
        return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
    }

    /** No byte until well past the client's socket timeout; what comes then is never read. */
    public static ResponseDefinitionBuilder hang() {
        return internalError().withFixedDelay(HANG_MS);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString()).withBody(body);
    }
}
