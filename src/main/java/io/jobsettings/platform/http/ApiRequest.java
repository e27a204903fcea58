package io.jobsettings.platform.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP API request as the handlers see it: header names lower-cased, body already base64-decoded, and the
 * authorizer's claims and scopes lifted out of the request context.
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        byte[] body,
        Optional<Authorization> authorization,
        String requestId) {

    /** What the JWT authorizer vouched for; absent when the request came without an authorizer context. */
    public record Authorization(Map<String, String> claims, List<String> scopes) {
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public boolean hasBody() {
        return body.length > 0;
    }
}
