package io.jobsettings.link;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.jobsettings.job.JobTarget;
import io.jobsettings.platform.SettingsTable;
import io.jobsettings.settings.JobSettings;
import io.jobsettings.settings.SettingsStore;
import io.jobsettings.testing.HttpApiCall;
import io.jobsettings.testing.JobApis;
import io.jobsettings.testing.LambdaInvoker;
import io.jobsettings.testing.LocalStores;
import io.jobsettings.testing.LocalStoresResource;
import io.jobsettings.testing.SchedulerAnswers;
import io.jobsettings.testing.StoredSettings;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One tenant of a fresh environment as the link tests see it: its stored job settings, its link events, the
 * ledger items they leave in the table, and the stand-ins' routes for it, which answer as a healthy job runner and
 * scheduler until a test says otherwise.
 */
final class LinkedTenant {

    static final Instant ENABLED_AT = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant LINKED_AT = Instant.parse("2026-12-03T09:14:58Z");
    static final String EXPRESSION = "cron(15 4 * * ? *)";

    private final String envId;

    private LinkedTenant(String envId) {
        this.envId = envId;
    }

    /** A fresh environment whose settings start a full sync on link and give each link a default schedule. */
    static LinkedTenant withJobAndSchedule(SettingsStore settings, String purpose) {
        LinkedTenant tenant = new LinkedTenant(HttpApiCall.uniqueEnvId(purpose));
        JobSettings jobs = StoredSettings.jobs(true, false, false, false,
                StoredSettings.scheduleEnabledAt(EXPRESSION, ENABLED_AT));
        StoredSettings.store(settings, tenant.envId, jobs);
        tenant.standInsAnswerNormally();
        return tenant;
    }

    private void standInsAnswerNormally() {
        JobApis.reset();
        JobApis.jobRunner().stubFor(post(jobsPath()).willReturn(okJson(jobDetails("Jb0001"))));
        JobApis.scheduler().stubFor(createSchedule().willReturn(
                SchedulerAnswers.created(JobApis.SCHEDULE_GROUP, scheduleName())));
        JobApis.scheduler().stubFor(deleteSchedule().willReturn(SchedulerAnswers.deleted()));
    }

    String envId() {
        return envId;
    }

    Map<String, Object> linked() {
        return LinkEvents.event(envId, LinkEvents.LINKED, LINKED_AT);
    }

    Map<String, Object> unlinked() {
        return LinkEvents.event(envId, LinkEvents.UNLINKED, LINKED_AT);
    }

    String scheduleName() {
        return ScheduleName.of(new JobTarget(envId, LinkEvents.FLOW, LinkEvents.TENANT));
    }

    MappingBuilder createSchedule() {
        return SchedulerAnswers.createSchedule(scheduleName());
    }

    MappingBuilder deleteSchedule() {
        return SchedulerAnswers.deleteSchedule(scheduleName());
    }

    String jobsPath() {
        return JobApis.JOBS_API_BASE_PATH + "/" + envId + "/" + LinkEvents.FLOW + "/" + LinkEvents.TENANT + "/jobs";
    }

    String jobDetails(String jobId) {
        return "{\"job_id\": \"" + jobId + "\", \"env_id\": \"" + envId + "\", \"flow_id\": \"" + LinkEvents.FLOW
                + "\", \"tenant\": \"" + LinkEvents.TENANT + "\", \"status\": \"JOB_CREATED\"}";
    }

    /** The job starts the runner was asked for. */
    List<LoggedRequest> jobStarts() {
        return JobApis.jobRunner().findAll(postRequestedFor(urlPathEqualTo(jobsPath())));
    }

    /** The scheduler's requests of one method for this tenant's schedule, in the order they came. */
    List<ServeEvent> schedulerRequests(RequestMethod method) {
        List<ServeEvent> served = new ArrayList<>(JobApis.scheduler().getAllServeEvents().stream()
                .filter(event -> event.getRequest().getMethod().equals(method))
                .filter(event -> event.getRequest().getUrl().startsWith("/schedules/" + scheduleName()))
                .toList());
        Collections.reverse(served);
        return served;
    }

    /**
     * How many of those requests the scheduler took with success (schedules created, or deleted), whether or not
     * the answer reached the client in time.
     */
    long schedulerSuccesses(RequestMethod method) {
        return schedulerRequests(method).stream()
                .map(ServeEvent::getResponseDefinition)
                .filter(answer -> answer.getFault() == null && answer.getStatus() == 200).count();
    }

    Map<String, AttributeValue> linkItem() {
        return item("LINK#" + LinkEvents.FLOW + "#" + LinkEvents.TENANT);
    }

    Map<String, AttributeValue> eventItem(Map<String, Object> event) {
        return item("EVENT#" + event.get("id"));
    }

    private Map<String, AttributeValue> item(String sortKey) {
        return LocalStoresResource.stores().dynamoClient().getItem(b -> b.tableName(LocalStores.TABLE)
                .key(SettingsTable.key(envId, sortKey)).consistentRead(true)).item();
    }

    static Response send(Map<String, Object> event) {
        return LambdaInvoker.invoke(event);
    }

    /** The link function answers nothing: the event server reports an empty answer as 204. */
    static void assertHandled(Response answer) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(204);
    }

    /** The invocation failed, and this is the error message Lambda reports for it. */
    static String failureMessage(Response answer) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(500);
        return answer.jsonPath().getString("errorMessage");
    }

    static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }
}
