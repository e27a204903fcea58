package io.jobsettings.platform.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

import io.jobsettings.platform.InvalidEventException;

/**
 * Reads events and the documents they carry as they were sent: a member that appears twice, text after the JSON,
 * bytes that are not UTF-8 and events larger than EventBridge allows are refused, where a lenient reader would drop
 * one of the values or the rest silently. Decimals stay exact (1.10 stays 1.10), so what is passed on matches what
 * came. A refusal says what is wrong and where, and never quotes the input, which may be a secret sent by mistake.
 */
@Singleton
public class EventJson {

    /** EventBridge events are at most 256 KiB; no trigger of these functions sends more. */
    public static final int MAX_EVENT_BYTES = 256 * 1024;

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private final ObjectReader reader;

    public EventJson(ObjectMapper mapper) {
        this.reader = mapper.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    /** An invocation's whole input, read up to one byte past the limit so that a larger one is named as such. */
    public JsonNode read(InputStream input, String what) {
        byte[] bytes;
        try {
            bytes = input.readNBytes(MAX_EVENT_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidEventException(what + " could not be read: " + e.getClass().getSimpleName());
        }
        if (bytes.length > MAX_EVENT_BYTES) {
            throw new InvalidEventException(what + " is more than " + MAX_EVENT_BYTES
                    + " bytes, larger than an EventBridge event can be");
        }
        return read(bytes, what);
    }

    /** Any JSON value; {@code what} names the input in a refusal ("the event", "the message body"). */
    public JsonNode read(byte[] json, String what) {
        if (json.length == 0) {
            throw new InvalidEventException(what + " is empty");
        }
        try {
            // Read from text, not bytes: given bytes, Jackson would detect UTF-16 and UTF-32 and read them too.
            return reader.readTree(utf8(json, what));
        } catch (StreamConstraintsException e) {
            throw new InvalidEventException(what + (e.getMessage().contains("nesting depth")
                    ? " is nested more than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels deep"
                    : " exceeds a size limit of the JSON reader"));
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(what + " is not valid JSON" + whatIsWrong(e));
        } catch (IOException e) {
            throw new InvalidEventException(what + " is not valid JSON");
        }
    }

    private static String utf8(byte[] json, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidEventException(what + " is not valid UTF-8; JSON must be UTF-8 (RFC 8259)");
        }
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
