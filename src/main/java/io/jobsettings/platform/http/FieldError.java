package io.jobsettings.platform.http;

/** One invalid member of a request body, named by its JSON pointer (RFC 6901). */
public record FieldError(String pointer, String message) {
}
