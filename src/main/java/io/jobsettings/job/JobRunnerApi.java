package io.jobsettings.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.jobsettings.platform.http.RetryAfter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/**
 * The job runner API at {@code JOBS_API_URL}. Path parameters are URL-encoded by the client; the key goes in the
 * {@code x-api-key} header of every call. Timeouts are set in {@code application.properties}.
 */
@RegisterRestClient(configKey = "jobs-api")
@ClientHeaderParam(name = "x-api-key", value = "${jobs.api.key}")
@Produces(MediaType.APPLICATION_JSON)
public interface JobRunnerApi {

    @POST
    @Path("/{envId}/{flowId}/{tenant}/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    byte[] startJob(@PathParam("envId") String envId, @PathParam("flowId") String flowId,
            @PathParam("tenant") String tenant, JobRequest request);

    @POST
    @Path("/{envId}/{flowId}/{tenant}/discover")
    byte[] startDiscover(@PathParam("envId") String envId, @PathParam("flowId") String flowId,
            @PathParam("tenant") String tenant);

    /**
     * 429 and 5xx may heal, after the runner's Retry-After when it gives one; any other error status will not, and
     * what the runner said is kept for the report.
     */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        if (status == 429 || status >= 500) {
            Optional<Duration> wait = RetryAfter.parse(response.getHeaderString("Retry-After"), Instant.now());
            if (wait.isPresent() && wait.get().compareTo(JobRunner.LONGEST_PAUSE) > 0) {
                return new JobRunnerAskedToWait(status, wait.get());
            }
            return new JobRunnerUnavailable(status, "the job runner answered " + status, wait, null);
        }
        String said = response.hasEntity() ? response.readEntity(String.class) : "";
        return new JobRunnerRejected(status, said, keySent());
    }

    /** The key every call carries: a runner that echoes it in a refusal must not have it quoted on. */
    private static List<String> keySent() {
        return ConfigProvider.getConfig().getOptionalValue("jobs.api.key", String.class).stream().toList();
    }
}
