package io.jobsettings.completion;

import java.util.List;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/**
 * The {@code completion} function: a batch from the completion queue in, the messages to deliver again out
 * (partial batch failure; the event source mapping must report batch item failures).
 */
@Named("completion")
public class CompletionHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final JobCompletion completion;

    public CompletionHandler(JobCompletion completion) {
        this.completion = completion;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<JobCompletion.Message> messages = event.getRecords() == null ? List.of()
                : event.getRecords().stream().map(CompletionHandler::messageOf).toList();
        List<SQSBatchResponse.BatchItemFailure> failures = completion.handle(messages).stream()
                .map(SQSBatchResponse.BatchItemFailure::new)
                .toList();
        return new SQSBatchResponse(failures);
    }

    private static JobCompletion.Message messageOf(SQSEvent.SQSMessage record) {
        String count = record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount");
        return new JobCompletion.Message(record.getMessageId(), record.getBody(),
                count == null || !count.matches("\\d{1,9}") ? 0 : Integer.parseInt(count));
    }
}
