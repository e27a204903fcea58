package io.jobsettings.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Builds an API Gateway HTTP API event (payload format 2.0) the way API Gateway does behind a JWT authorizer,
 * invokes the settings handler with it, and reads the answer.
 */
public final class HttpApiCall {

    /** The handler's answer: status, headers (names lower-cased) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public JsonPath json() {
            return new JsonPath(body);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private String body;
    private boolean base64;
    private Map<String, Object> authorizer;

    private HttpApiCall(String method, String path) {
        this.method = method;
        this.path = path;
    }

    /** A call by a caller who may read and write {@code envIdsClaim}. */
    public static HttpApiCall as(String envIdsClaim, String method, String path) {
        return new HttpApiCall(method, path).claims(envIdsClaim, "settings:read", "settings:write");
    }

    public static HttpApiCall anonymous(String method, String path) {
        return new HttpApiCall(method, path);
    }

    public HttpApiCall claims(String envIdsClaim, String... scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "tester@acme.example");
        claims.put("env_ids", envIdsClaim);
        authorizer = Map.of("jwt", Map.of("claims", claims, "scopes", List.of(scopes)));
        return this;
    }

    public HttpApiCall header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public HttpApiCall query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public HttpApiCall json(String json) {
        headers.putIfAbsent("content-type", "application/json");
        this.body = json;
        return this;
    }

    /** A body sent with only the headers set by hand. */
    public HttpApiCall body(String raw) {
        this.body = raw;
        return this;
    }

    public HttpApiCall mergePatch(String json) {
        headers.put("content-type", "application/merge-patch+json");
        this.body = json;
        return this;
    }

    public HttpApiCall base64Json(String json) {
        json(json);
        this.body = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        this.base64 = true;
        return this;
    }

    public Map<String, Object> event() {
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.7");
        http.put("userAgent", "tests");

        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "123456789012");
        context.put("apiId", "localapi");
        context.put("http", http);
        context.put("requestId", "req-" + System.nanoTime());
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        if (authorizer != null) {
            context.put("authorizer", authorizer);
        }

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", rawQuery());
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        event.put("headers", headers);
        event.put("requestContext", context);
        event.put("body", body);
        event.put("isBase64Encoded", base64);
        return event;
    }

    private String rawQuery() {
        List<String> pairs = new ArrayList<>();
        query.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    public Answer send() {
        return read(LambdaInvoker.invoke(event()));
    }

    public static Answer read(Response response) {
        SecretsInUse.answered(response.asString());
        if (response.statusCode() != 200) {
            throw new AssertionError("the function failed instead of answering: " + response.asString());
        }
        JsonPath answer = response.jsonPath();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, Object> raw = answer.getMap("headers");
        if (raw != null) {
            raw.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), String.valueOf(value)));
        }
        return new Answer(answer.getInt("statusCode"), headers, answer.getString("body"));
    }

    /** Names that keep tests apart in the shared table. */
    public static String uniqueEnvId(String purpose) {
        return purpose + "-" + Long.toString(System.nanoTime(), 36) + ".acme.example";
    }

    static List<String> list(String... values) {
        return new ArrayList<>(List.of(values));
    }
}
