package io.jobsettings.completion;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * Parses events and Job Details so that what is sent on matches what came: decimals stay exact (1.10 stays 1.10),
 * and a document with a key twice is refused rather than silently losing one of the values.
 */
@Singleton
public class JobDetailsJson {

    private final ObjectReader reader;

    public JobDetailsJson(ObjectMapper mapper) {
        this.reader = mapper.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    /** One JSON object, or a refusal that names {@code what} could not be read. */
    public JsonNode parse(byte[] json, String what) throws RefusedMessage {
        JsonNode node;
        try {
            node = reader.readTree(json);
        } catch (IOException e) {
            throw new RefusedMessage(what + " is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new RefusedMessage(what + " is not a JSON object");
        }
        return node;
    }
}
