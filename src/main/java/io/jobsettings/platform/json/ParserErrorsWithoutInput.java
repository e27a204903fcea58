package io.jobsettings.platform.json;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Keeps the input out of JSON errors. The Lambda runtime reads every event with the application's mapper and logs
 * and answers its errors as they are. Jackson quotes up to 256 characters of a token it could not parse, and the
 * whole of a JSON string it could not turn into an event, so a secret sent as a malformed event would be logged.
 * With this, an error names what was wrong and where, and quotes at most the characters the parser had matched.
 */
@Singleton
public class ParserErrorsWithoutInput implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setErrorReportConfiguration(ErrorReportConfiguration.builder()
                .maxErrorTokenLength(0)
                .maxRawContentLength(0)
                .build());
        mapper.addHandler(new StringsNotEchoed());
    }

    /** "Cannot construct instance of X ... from String value ('<the whole string>')", without the string. */
    private static final class StringsNotEchoed extends DeserializationProblemHandler {

        @Override
        public Object handleMissingInstantiator(DeserializationContext context, Class<?> type,
                ValueInstantiator instantiator, JsonParser parser, String message) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return NOT_HANDLED;
            }
            throw MismatchedInputException.from(parser, type,
                    "cannot read " + type.getSimpleName() + " from a JSON string; an object is expected");
        }
    }
}
