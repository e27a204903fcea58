package io.jobsettings.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP API answer before it becomes the API Gateway response. */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    public static ApiResponse json(int status, String body) {
        return new ApiResponse(status, Map.of("content-type", "application/json"), body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), null);
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.put(name, value);
        return new ApiResponse(status, Map.copyOf(merged), body);
    }
}
