package io.jobsettings.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.job.JobDetails;
import io.jobsettings.job.JobStatus;

class SlackMessageTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void failureNamesJobTenantFlowFailedStageAndMessageInTextAndBlocks() throws Exception {
        ObjectNode alert = SlackMessage.forFailure(job("ETL_FAILED", "Transform step 'orders' failed"), false, MAPPER);

        assertThat(alert.path("text").asText())
                .contains("nightly", "cust-0042", "FsLpQ0xgK", "ETL stage", "Transform step 'orders' failed");
        String blocks = alert.path("blocks").toString();
        assertThat(blocks).contains("Job failed at the ETL stage", "*Job*\\nnightly (J1)", "*Tenant*\\ncust-0042",
                "*Flow*\\nFsLpQ0xgK", "*Failed stage*\\nETL (ETL_FAILED)", "Transform step 'orders' failed");
    }

    @Test
    void stageIsTheFirstWordOfTheFailureStatus() {
        assertThat(SlackMessage.stageOf(JobStatus.DISCOVER_FAILED)).isEqualTo("discover");
        assertThat(SlackMessage.stageOf(JobStatus.SYNC_FAILED)).isEqualTo("sync");
        assertThat(SlackMessage.stageOf(JobStatus.EXPORT_FAILED)).isEqualTo("export");
    }

    @Test
    void messageIsEscapedForMrkdwnSoItCannotMentionOrLink() throws Exception {
        ObjectNode alert = SlackMessage.forFailure(
                job("SYNC_FAILED", "<!channel> see <https://evil|here> & retry"), false, MAPPER);

        assertThat(alert.toString()).doesNotContain("<!channel>", "<https://evil")
                .contains("&lt;!channel&gt; see &lt;https://evil|here&gt; &amp; retry");
    }

    @Test
    void longMessageIsCutWithinSlackLimitsWithoutSplittingAnEscape() throws Exception {
        ObjectNode alert = SlackMessage.forFailure(job("SYNC_FAILED", "&".repeat(5000)), false, MAPPER);

        String section = alert.path("blocks").path(2).path("text").path("text").asText();
        assertThat(section.length()).isLessThanOrEqualTo(3000);
        assertThat(section).endsWith("&amp;…");
        assertThat(alert.path("text").asText().length()).isLessThanOrEqualTo(1000);
    }

    private static JobDetails job(String status, String message) throws JobDetails.Invalid {
        ObjectNode job = MAPPER.createObjectNode()
                .put("job_id", "J1").put("env_id", "prod.acme.example").put("flow_id", "FsLpQ0xgK")
                .put("tenant", "cust-0042").put("job_name", "nightly").put("s3_root", "cust-0042/jobs/J1")
                .put("status", status).put("message", message);
        return JobDetails.of(job);
    }

    @Test
    void secretsOfAWebhookUrlAreTheUrlAndItsTokenWhateverFollowsIt() {
        assertThat(SlackNotifier.secretsOf("https://hooks.slack.com/services/T0123ABCD/B0123ABCD/s3cr3tT0k3n"))
                .containsExactly("https://hooks.slack.com/services/T0123ABCD/B0123ABCD/s3cr3tT0k3n", "s3cr3tT0k3n");
        assertThat(SlackNotifier.secretsOf("https://hooks.slack.com/services/T0/B0/s3cr3tT0k3n/"))
                .containsExactly("https://hooks.slack.com/services/T0/B0/s3cr3tT0k3n/", "s3cr3tT0k3n");
        assertThat(SlackNotifier.secretsOf("http://127.0.0.1:9100/slack/services/T0/B0/s3cr3tT0k3n/more"))
                .contains("s3cr3tT0k3n", "more").doesNotContain("T0", "B0");
        assertThat(SlackNotifier.secretsOf("http://127.0.0.1:9100/slack/env/T0/B0/s3cr3tT0k3n/"))
                .containsExactly("http://127.0.0.1:9100/slack/env/T0/B0/s3cr3tT0k3n/", "s3cr3tT0k3n");
    }
}
