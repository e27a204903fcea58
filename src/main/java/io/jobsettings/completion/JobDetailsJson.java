package io.jobsettings.completion;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import io.jobsettings.platform.json.QuotedValue;

/**
 * Parses events and Job Details so that what is sent on matches what came: decimals stay exact (1.10 stays 1.10),
 * and a document with a key twice is refused rather than silently losing one of the values.
 */
@Singleton
public class JobDetailsJson {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

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
        } catch (StreamConstraintsException e) {
            throw new RefusedMessage(what + (e.getMessage().contains("nesting depth")
                    ? " is nested more than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels deep"
                    : " exceeds a size limit of the JSON reader"));
        } catch (JsonProcessingException e) {
            throw new RefusedMessage(what + " is not valid JSON" + whatIsWrong(e));
        } catch (IOException e) {
            throw new RefusedMessage(what + " is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new RefusedMessage(what + " is not a JSON object");
        }
        return node;
    }

    /** Where the JSON broke, or which member came twice; never the text around it. */
    private static String whatIsWrong(JsonProcessingException e) {
        Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
        if (duplicate.matches()) {
            return ": member " + QuotedValue.of(duplicate.group(1)) + " appears twice";
        }
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
