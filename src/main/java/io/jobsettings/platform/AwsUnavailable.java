package io.jobsettings.platform;

import java.util.Locale;
import java.util.Optional;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Tells an AWS service (a store, EventBridge Scheduler) that is unavailable for now (unreachable, too slow,
 * throttling, failing on its side) from one that refused the request for good (a missing table, a denied
 * permission, an invalid request, a full quota). Only the first is worth a retry.
 */
public final class AwsUnavailable {

    private AwsUnavailable() {
    }

    /** How the service failed, in a few words fit for an answer or a log line, when the failure is transient. */
    public static Optional<String> describe(Throwable failure) {
        if (failure instanceof SdkClientException) {
            // Connection refused or reset, the SDK's own call and attempt timeouts, or an answer it could not read.
            return Optional.of((answeredUnreadably(failure) ? "gave an answer that could not be read ("
                    : "did not answer (") + failure.getClass().getSimpleName() + ")");
        }
        if (failure instanceof AwsServiceException service
                && (service.isThrottlingException() || service.statusCode() >= 500)) {
            return Optional.of("answered " + service.statusCode() + " " + errorCode(service));
        }
        return Optional.empty();
    }

    /** The SDK says "Unable to unmarshall response" when a success's body is not the service's format. */
    private static boolean answeredUnreadably(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("unmarshall")) {
                return true;
            }
        }
        return false;
    }

    private static String errorCode(AwsServiceException service) {
        return service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
    }
}
