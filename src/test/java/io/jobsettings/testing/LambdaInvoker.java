package io.jobsettings.testing;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Sends an event to the function under test through Quarkus's mock Lambda event server, exactly as the Lambda
 * runtime would hand it over, and returns the handler's answer as JSON.
 */
public final class LambdaInvoker {

    private LambdaInvoker() {
    }

    public static Response invoke(Object event) {
        return remembered(eventServer().body(event).when().post("/"));
    }

    public static Response invokeRaw(String eventJson) {
        return remembered(eventServer().body(eventJson).when().post("/"));
    }

    /** Bytes as they are, for inputs that are not text in the test's own encoding. */
    public static Response invokeRaw(byte[] event) {
        return remembered(eventServer().body(event).when().post("/"));
    }

    private static Response remembered(Response response) {
        SecretsInUse.answered(response.asString());
        return response;
    }

    /** The mock event server; its port can be moved with -Dquarkus.lambda.mock-event-server.test-port. */
    private static RequestSpecification eventServer() {
        int port = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.lambda.mock-event-server.test-port", Integer.class)
                .orElse(8081);
        return given().port(port).contentType("application/json");
    }
}
