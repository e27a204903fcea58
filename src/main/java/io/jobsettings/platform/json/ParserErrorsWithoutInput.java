package io.jobsettings.platform.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Keeps the input out of JSON parse errors. The Lambda runtime reads every event with the application's mapper and
 * logs and answers its parse errors as they are; Jackson quotes up to 256 characters of the token it could not read,
 * so a secret pasted as a malformed event would be logged. With this, an error names what was wrong and where, and
 * quotes at most the characters Jackson had already matched.
 */
@Singleton
public class ParserErrorsWithoutInput implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setErrorReportConfiguration(ErrorReportConfiguration.builder()
                .maxErrorTokenLength(0)
                .maxRawContentLength(0)
                .build());
    }
}
