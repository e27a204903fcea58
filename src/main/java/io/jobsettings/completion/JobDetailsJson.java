package io.jobsettings.completion;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.jobsettings.platform.InvalidEventException;
import io.jobsettings.platform.json.EventJson;

/**
 * Parses queue message bodies and Job Details objects as {@link EventJson} reads events, so that what is sent on
 * matches what came; what cannot be read is a message that can never be handled.
 */
@Singleton
public class JobDetailsJson {

    private final EventJson events;

    public JobDetailsJson(EventJson events) {
        this.events = events;
    }

    /** One JSON object, or a refusal that names {@code what} could not be read. */
    public JsonNode parse(byte[] json, String what) throws RefusedMessage {
        JsonNode node;
        try {
            node = events.read(json, what);
        } catch (InvalidEventException unreadable) {
            throw new RefusedMessage(unreadable.getMessage());
        }
        if (!node.isObject()) {
            throw new RefusedMessage(what + " is not a JSON object");
        }
        return node;
    }
}
