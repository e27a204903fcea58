package io.jobsettings.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

/**
 * Sends an event to the function under test through Quarkus's mock Lambda event server, exactly as the Lambda
 * runtime would hand it over, and returns the handler's answer as JSON.
 */
public final class LambdaInvoker {

    private LambdaInvoker() {
    }

    public static Response invoke(Object event) {
        return given().contentType("application/json").body(event).when().post("/");
    }

    public static Response invokeRaw(String eventJson) {
        return given().contentType("application/json").body(eventJson).when().post("/");
    }
}
