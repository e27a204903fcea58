package io.jobsettings.settings;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where the write-only secrets sit in the settings document, and one way to rewrite them all. */
public final class SecretFields {

    public static final List<String> POINTERS = List.of(
            "/webhook/secret",
            "/datadog/apiKey",
            "/slack/webhookUrl",
            "/storage/snapshots/secretAccessKey",
            "/storage/cache/secretAccessKey");

    /**
     * The members that say where each secret is used. A masked secret is kept only while they stay the same: pointing
     * a stored secret at a new target takes the secret itself, so a caller cannot send it somewhere without knowing it.
     */
    public static final Map<String, List<String>> TARGETS = Map.of(
            "/webhook/secret", List.of("/webhook/url"),
            "/datadog/apiKey", List.of("/datadog/site"),
            "/slack/webhookUrl", List.of(),
            "/storage/snapshots/secretAccessKey", List.of("/storage/snapshots/bucket",
                    "/storage/snapshots/region", "/storage/snapshots/accessKeyId"),
            "/storage/cache/secretAccessKey", List.of("/storage/cache/bucket", "/storage/cache/region",
                    "/storage/cache/accessKeyId"));

    private SecretFields() {
    }

    /** Replaces every secret present as a string with {@code rewrite(pointer, value)}; returns the same tree. */
    public static ObjectNode rewrite(ObjectNode document, BiFunction<String, String, String> rewrite) {
        for (String pointer : POINTERS) {
            JsonPointer path = JsonPointer.compile(pointer);
            JsonNode parent = document.at(path.head());
            JsonNode value = document.at(path);
            if (parent instanceof ObjectNode owner && value.isTextual()) {
                owner.put(path.last().getMatchingProperty(), rewrite.apply(pointer, value.textValue()));
            }
        }
        return document;
    }
}
