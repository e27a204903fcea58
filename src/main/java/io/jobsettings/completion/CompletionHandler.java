package io.jobsettings.completion;

import java.util.List;

import jakarta.inject.Named;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import io.jobsettings.platform.InvalidEventException;

/**
 * The {@code completion} function: a batch from the completion queue in, the messages to deliver again out
 * (partial batch failure; the event source mapping must report batch item failures).
 */
@Named("completion")
public class CompletionHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = Logger.getLogger(CompletionHandler.class);

    private final JobCompletion completion;

    public CompletionHandler(JobCompletion completion) {
        this.completion = completion;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        requireBatch(event);
        List<JobCompletion.Message> messages = event.getRecords().stream().filter(CompletionHandler::identified)
                .map(CompletionHandler::messageOf).toList();
        List<SQSBatchResponse.BatchItemFailure> failures = completion.handle(messages).stream()
                .map(SQSBatchResponse.BatchItemFailure::new)
                .toList();
        return new SQSBatchResponse(failures);
    }

    /**
     * Anything but an SQS batch means the function was wired to the wrong trigger or invoked by hand: it fails
     * loudly, so that the sender sees it and retries, rather than being answered as an empty batch and dropped.
     */
    private static void requireBatch(SQSEvent event) {
        if (event == null || event.getRecords() == null) {
            String problem = "the event is not an SQS batch: it has no Records; the completion function takes"
                    + " batches from its queue";
            LOG.errorf("invocation refused: %s", problem);
            throw new InvalidEventException(problem);
        }
    }

    /**
     * SQS always names its records; one without a messageId (a hand-made invoke) cannot be reported for retry on its
     * own, so it is refused here and the rest of the batch goes on.
     */
    private static boolean identified(SQSEvent.SQSMessage record) {
        if (record == null || record.getMessageId() == null || record.getMessageId().isBlank()) {
            LOG.error("message refused and not retried: a record of the batch has no messageId");
            return false;
        }
        return true;
    }

    private static JobCompletion.Message messageOf(SQSEvent.SQSMessage record) {
        String count = record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount");
        return new JobCompletion.Message(record.getMessageId(), record.getBody() == null ? "" : record.getBody(),
                count == null || !count.matches("\\d{1,9}") ? 0 : Integer.parseInt(count));
    }
}
