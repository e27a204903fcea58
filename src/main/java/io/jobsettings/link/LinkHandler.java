package io.jobsettings.link;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

import jakarta.inject.Named;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import io.jobsettings.platform.InvalidEventException;
import io.jobsettings.platform.json.EventJson;

/**
 * The {@code link} function: "Connector Linked" and "Connector Unlinked" EventBridge events in, nothing out.
 * A malformed event fails the invocation with a message naming the field, before anything is done; a failure that
 * may heal fails it too, so Lambda retries the event, and the retry finishes what was begun. The event is read
 * from the invocation's bytes, so a member sent twice or text after the event is refused, not silently dropped.
 */
@Named("link")
public class LinkHandler implements RequestStreamHandler {

    private static final Logger LOG = Logger.getLogger(LinkHandler.class);

    private final LinkService links;
    private final EventJson json;

    public LinkHandler(LinkService links, EventJson json) {
        this.links = links;
        this.json = json;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        long started = System.nanoTime();
        try {
            LinkEvent event = LinkEvent.from(json.read(input, "the event"), Instant.now());
            MDC.put("event_id", event.eventId());
            MDC.put("env_id", event.target().envId());
            MDC.put("flow_id", event.target().flowId());
            MDC.put("tenant", event.target().tenant());
            MDC.put("detail_type", event.kind().detailType());
            String outcome = links.handle(event);
            MDC.put("outcome", outcome);
            MDC.put("latency_ms", millisSince(started));
            LOG.info("link event handled");
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
