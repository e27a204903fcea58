package io.jobsettings.settings;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON merge patch (RFC 7386), applied by the JSON-P implementation rather than by hand. */
final class MergePatch {

    private MergePatch() {
    }

    static JsonNode apply(JsonNode target, JsonNode patch, ObjectMapper mapper) {
        JsonValue merged = Json.createMergePatch(toJsonP(patch)).apply(toJsonP(target));
        try {
            return mapper.readTree(merged.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("merge patch produced unreadable JSON", e);
        }
    }

    private static JsonValue toJsonP(JsonNode node) {
        try (JsonReader reader = Json.createReader(new StringReader(node.toString()))) {
            return reader.readValue();
        }
    }
}
