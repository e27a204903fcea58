package io.jobsettings.platform.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Translates between API Gateway HTTP API events (payload format 2.0) and {@link ApiRequest}/{@link ApiResponse}. */
@ApplicationScoped
public class ApiGatewayAdapter {

    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_ENCODED_BODY_CHARS = (MAX_BODY_BYTES / 3 + 1) * 4;

    private final ObjectMapper mapper;

    public ApiGatewayAdapter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ApiRequest toRequest(APIGatewayV2HTTPEvent event) {
        if (event == null) {
            throw ProblemException.badRequest("the event is empty; an API Gateway HTTP API event is expected");
        }
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        String method = methodOf(event);
        String path = event.getRawPath() != null ? event.getRawPath() : pathFromContext(context);
        String requestId = context != null && context.getRequestId() != null ? context.getRequestId() : "";

        return new ApiRequest(method, path, lowerCaseNames(event.getHeaders()), queryOf(event),
                bodyOf(event), authorizationOf(context), requestId);
    }

    public APIGatewayV2HTTPResponse toEvent(ApiResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    public ApiResponse problem(ProblemException problem) {
        ObjectNode body = mapper.createObjectNode()
                .put("type", "about:blank")
                .put("title", problem.title())
                .put("status", problem.status())
                .put("detail", problem.detail());
        if (!problem.errors().isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            problem.errors().forEach(e -> errors.addObject().put("pointer", e.pointer()).put("message", e.message()));
        }
        return new ApiResponse(problem.status(), Map.of("content-type", "application/problem+json"), body.toString());
    }

    private static String methodOf(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context == null || context.getHttp() == null || context.getHttp().getMethod() == null) {
            throw ProblemException.badRequest("the event has no requestContext.http.method");
        }
        return context.getHttp().getMethod().toUpperCase(Locale.ROOT);
    }

    private static String pathFromContext(APIGatewayV2HTTPEvent.RequestContext context) {
        if (context.getHttp().getPath() == null) {
            throw ProblemException.badRequest("the event has neither rawPath nor requestContext.http.path");
        }
        return context.getHttp().getPath();
    }

    private static Map<String, String> lowerCaseNames(Map<String, String> headers) {
        Map<String, String> lowered = new HashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    lowered.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
                }
            });
        }
        return Map.copyOf(lowered);
    }

    private static Map<String, String> queryOf(APIGatewayV2HTTPEvent event) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? Map.of() : Map.copyOf(query);
    }

    private static byte[] bodyOf(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return new byte[0];
        }
        if (!event.getIsBase64Encoded()) {
            return checkSize(body.getBytes(StandardCharsets.UTF_8));
        }
        if (body.length() > MAX_ENCODED_BODY_CHARS) {
            throw tooLarge();
        }
        try {
            return checkSize(Base64.getDecoder().decode(body.strip()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("the body is marked isBase64Encoded but is not valid base64");
        }
    }

    private static byte[] checkSize(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return body;
    }

    private static ProblemException tooLarge() {
        return new ProblemException(413, "Content Too Large",
                "the body is larger than " + MAX_BODY_BYTES + " bytes (64 KiB)");
    }

    private static Optional<ApiRequest.Authorization> authorizationOf(APIGatewayV2HTTPEvent.RequestContext context) {
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = context.getAuthorizer().getJwt();
        Map<String, String> claims = jwt.getClaims() == null ? Map.of() : new HashMap<>(jwt.getClaims());
        claims.values().removeIf(v -> v == null);
        List<String> scopes = jwt.getScopes() == null ? List.of()
                : jwt.getScopes().stream().filter(s -> s != null).toList();
        return Optional.of(new ApiRequest.Authorization(Map.copyOf(claims), scopes));
    }
}
