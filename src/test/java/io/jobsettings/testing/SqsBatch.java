package io.jobsettings.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import io.restassured.response.Response;

/** Builds the SQS event Lambda hands to the completion function, and reads its partial batch answer. */
public final class SqsBatch {

    private final List<Map<String, Object>> records = new ArrayList<>();

    public static SqsBatch of() {
        return new SqsBatch();
    }

    public SqsBatch withMessage(String body) {
        add(body);
        return this;
    }

    /** Adds a message; returns its id. */
    public String add(String body) {
        return add(UUID.randomUUID().toString(), body, 1);
    }

    public String add(String messageId, String body, int receiveCount) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("messageId", messageId);
        record.put("receiptHandle", "handle-" + messageId);
        record.put("body", body);
        record.put("attributes", Map.of("ApproximateReceiveCount", Integer.toString(receiveCount),
                "SentTimestamp", "1764753373000"));
        record.put("messageAttributes", Map.of());
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:job-completion");
        record.put("awsRegion", "us-east-1");
        records.add(record);
        return messageId;
    }

    public Map<String, Object> event() {
        return Map.of("Records", records);
    }

    /** The same batch as the runtime hands it to the handler, for tests that call the handler bean themselves. */
    @SuppressWarnings("unchecked")
    public SQSEvent sqsEvent() {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (Map<String, Object> record : records) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId((String) record.get("messageId"));
            message.setReceiptHandle((String) record.get("receiptHandle"));
            message.setBody((String) record.get("body"));
            message.setAttributes((Map<String, String>) record.get("attributes"));
            message.setEventSource((String) record.get("eventSource"));
            message.setEventSourceArn((String) record.get("eventSourceARN"));
            message.setAwsRegion((String) record.get("awsRegion"));
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    /** Invokes the function; returns the ids it asked to have delivered again. */
    public List<String> send() {
        return failuresOf(LambdaInvoker.invoke(event()));
    }

    public static List<String> failuresOf(Response response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("the function failed instead of answering: " + response.asString());
        }
        List<String> failures = response.jsonPath().getList("batchItemFailures.itemIdentifier", String.class);
        if (failures == null) {
            throw new AssertionError("the answer has no batchItemFailures: " + response.asString());
        }
        return failures;
    }
}
