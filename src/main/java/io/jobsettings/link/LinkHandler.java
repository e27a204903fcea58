package io.jobsettings.link;

import java.time.Instant;

import jakarta.inject.Named;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;

import io.jobsettings.platform.InvalidEventException;

/**
 * The {@code link} function: "Connector Linked" and "Connector Unlinked" EventBridge events in, nothing out.
 * A malformed event fails the invocation with a message naming the field, before anything is done; a failure that
 * may heal fails it too, so Lambda retries the event, and the retry finishes what was begun.
 */
@Named("link")
public class LinkHandler implements RequestHandler<JsonNode, Void> {

    private static final Logger LOG = Logger.getLogger(LinkHandler.class);

    private final LinkService links;

    public LinkHandler(LinkService links) {
        this.links = links;
    }

    // Limitation: the runtime reads the event before this handler sees it, with a lenient JSON reader: a repeated
    // key keeps its last value, text after the event is ignored, and an event that is not JSON fails with the
    // reader's own message (which says where it broke; see ParserErrorsWithoutInput), not with a field name.
    @Override
    public Void handleRequest(JsonNode json, Context context) {
        long started = System.nanoTime();
        try {
            LinkEvent event = LinkEvent.from(json, Instant.now());
            MDC.put("event_id", event.eventId());
            MDC.put("env_id", event.target().envId());
            MDC.put("flow_id", event.target().flowId());
            MDC.put("tenant", event.target().tenant());
            MDC.put("detail_type", event.kind().detailType());
            String outcome = links.handle(event);
            MDC.put("outcome", outcome);
            MDC.put("latency_ms", millisSince(started));
            LOG.info("link event handled");
            return null;
        } catch (InvalidEventException invalid) {
            LOG.errorf("link event rejected: %s", invalid.getMessage());
            throw invalid;
        } catch (RuntimeException failed) {
            MDC.put("latency_ms", millisSince(started));
            LOG.errorf("link event failed; a retry of the event finishes what was begun: %s", failed.toString());
            throw failed;
        } finally {
            MDC.clear();
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
