package io.jobsettings.platform.json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.jobsettings.platform.http.ProblemException;

/**
 * Reads what callers send: duplicate keys, deep nesting, unknown members and loose types are errors here, where the
 * shared mapper would let them pass.
 */
@Singleton
public class StrictJson {

    /** Jackson's words for a character it did not expect: the character quoted, then its code. */
    private static final Pattern UNEXPECTED_CHARACTER = Pattern.compile("\\(.{1,4}? \\(code (\\d+)[^)]*\\)\\)");

    public static final int MAX_NESTING_DEPTH = 32;

    private final ObjectMapper mapper;
    private final ObjectReader treeReader;

    public StrictJson(ObjectMapper shared) {
        this.mapper = shared.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build());
        for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Enum).setCoercion(shape, CoercionAction.Fail);
        }
        this.treeReader = mapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The parser's complaint without the offending text, which may be a secret the caller mistyped. */
    private static String withoutEcho(JsonParseException e) {
        String message = e.getOriginalMessage();
        if (message.startsWith("Duplicate field '") && message.endsWith("'")) {
            String name = message.substring("Duplicate field '".length(), message.length() - 1);
            // Cut where no known member's name is: a duplicate may be a known member or a 40 KiB name.
            return "Duplicate field " + QuotedValue.of(name, 32);
        }
        // "Unexpected character ('x' (code 120))": the character goes, its code stays, and so does what was expected.
        Matcher unexpected = UNEXPECTED_CHARACTER.matcher(message);
        boolean namesACharacter = unexpected.find();
        String shown = namesACharacter ? unexpected.replaceFirst("(code $1)") : message;
        int quote = shown.indexOf('\'');
        return quote > 0 ? shown.substring(0, quote).strip() : namesACharacter ? shown : withoutDetail(shown);
    }

    private static String withoutDetail(String message) {
        int parenthesis = message.indexOf(" (");
        return parenthesis > 0 ? message.substring(0, parenthesis) : message;
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** JSON exchanged between systems is UTF-8 (RFC 8259, section 8.1); bytes that are not are refused. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("the body is not valid UTF-8; JSON bodies must be UTF-8 (RFC 8259)");
        }
    }

    /** Parses a request body that must be one JSON object. */
    public JsonNode readObject(byte[] body) {
        if (body.length == 0) {
            throw ProblemException.badRequest("the body is empty; a JSON object is expected");
        }
        String text = utf8(body);
        if (text.startsWith("\uFEFF")) {
            throw ProblemException.badRequest("the body starts with a byte order mark, which JSON text must not"
                    + " (RFC 8259, section 8.1)");
        }
        JsonNode node;
        try {
            // Read from text, not bytes: given bytes, Jackson would detect UTF-16 and UTF-32 and read them too.
            node = treeReader.readTree(text);
        } catch (StreamConstraintsException e) {
            throw ProblemException.badRequest(e.getMessage().contains("nesting depth")
                    ? "the body is nested deeper than " + MAX_NESTING_DEPTH + " levels"
                    : "the body exceeds a size limit of the JSON reader: " + withoutDetail(e.getOriginalMessage()));
        } catch (JsonParseException e) {
            throw ProblemException.badRequest("the body is not valid JSON" + where(e) + ": " + withoutEcho(e));
        } catch (MismatchedInputException e) {
            throw ProblemException.badRequest("the body is not valid JSON" + where(e)
                    + (e.getOriginalMessage().startsWith("Trailing token") ? ": text follows the JSON object"
                    : ": " + withoutDetail(e.getOriginalMessage())));
        } catch (IOException e) {
            throw ProblemException.badRequest("the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("the body must be a JSON object");
        }
        return node;
    }
}
