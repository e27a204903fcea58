package io.jobsettings.settings;

import java.util.Optional;

import jakarta.inject.Named;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.jobsettings.platform.AwsUnavailable;
import io.jobsettings.platform.http.ApiGatewayAdapter;
import io.jobsettings.platform.http.ApiRequest;
import io.jobsettings.platform.http.ApiResponse;
import io.jobsettings.platform.http.ProblemException;
import io.jobsettings.platform.json.QuotedValue;
import software.amazon.awssdk.core.exception.SdkException;

/** The {@code settings} function: API Gateway HTTP API events in, HTTP answers out. */
@Named("settings")
public class SettingsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = Logger.getLogger(SettingsHandler.class);
    private static final String RETRY_AFTER_SECONDS = "2";

    private final ApiGatewayAdapter gateway;
    private final SettingsApi api;

    public SettingsHandler(ApiGatewayAdapter gateway, SettingsApi api) {
        this.gateway = gateway;
        this.api = api;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        ApiResponse response = answer(event);
        MDC.put("status", response.status());
        MDC.put("latency_ms", (System.nanoTime() - started) / 1_000_000);
        LOG.info("settings request answered");
        MDC.clear();
        return gateway.toEvent(response);
    }

    private ApiResponse answer(APIGatewayV2HTTPEvent event) {
        try {
            ApiRequest request = gateway.toRequest(event);
            MDC.put("method", QuotedValue.bare(request.method(), 16));
            MDC.put("request_id", request.requestId());
            SettingsApi.envIdOf(request).ifPresent(envId -> MDC.put("env_id", envId));
            return api.handle(request);
        } catch (SettingsApi.AllowingProblem problem) {
            return gateway.problem(problem).withHeader("allow", problem.allow());
        } catch (ProblemException problem) {
            MDC.put("problem", problem.detail().length() <= 200 ? problem.detail()
                    : problem.detail().substring(0, 200) + "…");
            return gateway.problem(problem);
        } catch (SdkException storeFailure) {
            return storeFailure(storeFailure);
        } catch (RuntimeException | StackOverflowError unexpected) {
            // A stack overflow must not end the runtime's polling loop: the instance would answer nothing more.
            LOG.error("settings request failed unexpectedly", unexpected);
            return gateway.problem(new ProblemException(500, "Internal Server Error",
                    "the request could not be completed; it is safe to retry"));
        }
    }

    /**
     * A table that is throttling, failing or out of reach is a 503 with Retry-After, so that clients back off and
     * try again; writes are conditional, so a retried write cannot apply twice or over another writer's change.
     */
    private ApiResponse storeFailure(SdkException failure) {
        Optional<String> transientFailure = AwsUnavailable.describe(failure);
        if (transientFailure.isEmpty()) {
            LOG.error("settings table refused the request", failure);
            return gateway.problem(new ProblemException(500, "Internal Server Error",
                    "the settings table refused the request; see the function's log"));
        }
        MDC.put("store_error", transientFailure.get());
        LOG.warn("settings table unavailable");
        return gateway.problem(new ProblemException(503, "Service Unavailable",
                "the settings table " + transientFailure.get() + "; retry in a moment"))
                .withHeader("retry-after", RETRY_AFTER_SECONDS);
    }
}
