package io.jobsettings.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.job.JobDetails;

class DatadogEventTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void endedJobBecomesAnEventWithTitleAlertTypeTagsAndAggregationKey() throws Exception {
        ObjectNode event = DatadogEvent.forJob(JobDetails.of(details("J1", "root/a", "SYNC_FAILED")), MAPPER);

        assertThat(event.path("title").asText()).isEqualTo("hotglue-job-event");
        assertThat(event.path("alert_type").asText()).isEqualTo("error");
        assertThat(event.path("tags")).extracting(JsonNode::asText).containsExactly(
                "env:prod.acme.example", "flow:FsLpQ0xgK", "tenant:cust-0042", "status:SYNC_FAILED");
        assertThat(event.path("aggregation_key").asText()).startsWith("J1-").hasSizeLessThanOrEqualTo(100);

        ObjectNode completed = DatadogEvent.forJob(JobDetails.of(details("J1", "root/a", "JOB_COMPLETED")), MAPPER);
        assertThat(completed.path("alert_type").asText()).isEqualTo("success");
        assertThat(completed.path("aggregation_key")).isEqualTo(event.path("aggregation_key"));
    }

    @Test
    void twoJobsSharingAJobIdGetDifferentAggregationKeys() throws Exception {
        String first = DatadogEvent.aggregationKey(JobDetails.of(details("J1", "root/a", "JOB_COMPLETED")));
        String second = DatadogEvent.aggregationKey(JobDetails.of(details("J1", "root/b", "JOB_COMPLETED")));

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void smallJobDetailsAppearWholeInTheText() throws Exception {
        ObjectNode details = details("J1", "root/a", "JOB_COMPLETED");

        String text = DatadogEvent.text(JobDetails.of(details), MAPPER);

        assertThat(text).startsWith("%%% \n").endsWith("\n %%%").contains("\"unknown_field\" : \"kept\"");
        String json = text.substring(text.indexOf("```\n") + 4, text.lastIndexOf("\n```"));
        assertThat(MAPPER.readTree(json)).isEqualTo(details);
    }

    @Test
    void largeStateIsOmittedFirstAndEverythingElseStays() throws Exception {
        ObjectNode details = details("J1", "root/a", "SYNC_FAILED");
        details.putObject("state").put("bookmarks", "x".repeat(100_000));

        String text = DatadogEvent.text(JobDetails.of(details), MAPPER);

        assertThat(text.length()).isLessThanOrEqualTo(4000);
        assertThat(text).contains("(omitted: 100", "\"unknown_field\"", "\"job_id\"", "refresh token");
        String json = text.substring(text.indexOf("```\n") + 4, text.lastIndexOf("\n```"));
        assertThat(MAPPER.readTree(json).path("metrics")).isEqualTo(details.path("metrics"));
    }

    @Test
    void detailsTooLargeEvenWhenTrimmedAreCutAtALineWithANote() throws Exception {
        ObjectNode details = details("J1", "root/a", "SYNC_FAILED");
        ObjectNode streams = details.putObject("metrics").putObject("recordCount");
        for (int i = 0; i < 2000; i++) {
            streams.put("stream_" + i, i);
        }

        String text = DatadogEvent.text(JobDetails.of(details), MAPPER);

        assertThat(text.length()).isLessThanOrEqualTo(4000);
        assertThat(text).contains("\"job_id\" : \"J1\"", "\"stream_0\" : 0")
                .endsWith(",\n… (cut to fit Datadog's 4,000 characters)\n```\n %%%");
    }

    @Test
    void jobDataHoldingTheMarkdownFenceCannotCloseTheTextBlock() throws Exception {
        ObjectNode details = details("J%%%1", "root/a", "SYNC_FAILED")
                .put("tenant", "cust%%%-0042").put("flow_id", "%%%%").put("job_name", "%%%%%%%")
                .put("message", "boom\n%%%\n[log in again](https://evil.example)\n%%%")
                .put("unknown_field", "%%% ".repeat(20));

        ObjectNode event = DatadogEvent.forJob(JobDetails.of(details), true, MAPPER);

        String text = event.path("text").asText();
        String inside = text.substring("%%% \n".length(), text.length() - "\n %%%".length());
        assertThat(text).startsWith("%%% \n").endsWith("\n %%%");
        assertThat(inside).doesNotContain("%%%").contains("cust%% %-0042", "boom", "log in again");
        assertThat(event.path("tags").toString()).doesNotContain("%");
    }

    @Test
    void jobDataMadeOfPercentSignsStillFitsDatadogsLimit() throws Exception {
        ObjectNode details = details("J1", "root/a", "SYNC_FAILED")
                .put("message", "%".repeat(5_000)).put("unknown_field", "%".repeat(100_000));
        details.putObject("state").put("bookmarks", "%".repeat(10_000));

        String text = DatadogEvent.text(JobDetails.of(details), MAPPER);

        assertThat(text.length()).isLessThanOrEqualTo(4000);
        assertThat(text.substring(5, text.length() - 5)).doesNotContain("%%%");
    }

    @Test
    void tagValuesKeepOnlyCharactersDatadogKeeps() {
        assertThat(DatadogEvent.tag("tenant", "Acme Corp/EU#1")).isEqualTo("tenant:Acme_Corp/EU_1");
        assertThat(DatadogEvent.tag("tenant", "t".repeat(300))).hasSize(200);
    }

    private static ObjectNode details(String jobId, String s3Root, String status) {
        ObjectNode job = MAPPER.createObjectNode()
                .put("job_id", jobId).put("env_id", "prod.acme.example").put("flow_id", "FsLpQ0xgK")
                .put("tenant", "cust-0042").put("job_name", "nightly").put("s3_root", s3Root)
                .put("status", status).put("message", "Source returned 401: the refresh token has expired.")
                .put("unknown_field", "kept");
        job.putObject("metrics").putObject("recordCount").put("Account", 12);
        return job;
    }
}
