package io.jobsettings.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import io.jobsettings.platform.SettingsTable;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Runs in a JVM of its own on {@code function.zip}'s class path: boots the packaged function through the same
 * stream handler the Runtime Interface Client calls, then times warm GETs through it against raw GetItem calls on
 * the same table, alternating the two so that noise falls on both. Arguments: the PUT event that stores the
 * document, the GET event, the warm-up count and the number of samples.
 */
public final class WarmReadProbe {

    private WarmReadProbe() {
    }

    public static void main(String[] args) throws Exception {
        try {
            byte[] put = Files.readAllBytes(Path.of(args[0]));
            byte[] get = Files.readAllBytes(Path.of(args[1]));
            int warmUp = Integer.parseInt(args[2]);
            int samples = Integer.parseInt(args[3]);
            measure(put, get, System.getenv("BENCH_ENV_ID"), warmUp, samples);
        } catch (Exception | Error e) {
            ProbeReport.print("error", e.toString().replace('\n', ' '));
            throw e;
        }
    }

    private static void measure(byte[] put, byte[] get, String envId, int warmUp, int samples) throws IOException {
        QuarkusStreamHandler handler = new QuarkusStreamHandler();
        try (DynamoDbClient dynamo = rawClient()) {
            GetItemRequest getItem = GetItemRequest.builder().tableName(System.getenv("SETTINGS_TABLE"))
                    .key(SettingsTable.key(envId, SettingsTable.SETTINGS_SK)).consistentRead(true).build();
            requireOk(invoke(handler, put));
            requireOk(invoke(handler, get));
            for (int i = 0; i < warmUp; i++) {
                invoke(handler, get);
                dynamo.getItem(getItem);
            }
            List<Double> handlerMicros = new ArrayList<>();
            List<Double> getItemMicros = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                boolean handlerFirst = i % 2 == 0;
                if (handlerFirst) {
                    handlerMicros.add(micros(() -> invoke(handler, get)));
                }
                getItemMicros.add(micros(() -> dynamo.getItem(getItem)));
                if (!handlerFirst) {
                    handlerMicros.add(micros(() -> invoke(handler, get)));
                }
            }
            ProbeReport.print("handler.median.us", Samples.median(handlerMicros));
            ProbeReport.print("getitem.median.us", Samples.median(getItemMicros));
        }
    }

    /** A call to time; it may throw what the handler's stream throws. */
    private interface Call {
        Object run() throws IOException;
    }

    private static double micros(Call call) throws IOException {
        long started = System.nanoTime();
        call.run();
        return (System.nanoTime() - started) / 1000.0;
    }

    private static void requireOk(String answer) {
        if (!answer.contains("\"statusCode\":200")) {
            throw new IllegalStateException("the settings handler did not answer 200: " + answer);
        }
    }

    private static String invoke(QuarkusStreamHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer, new ProbeContext());
        return answer.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The same SDK and HTTP client the function uses, configured by hand: one GetItem and nothing else. */
    private static DynamoDbClient rawClient() {
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(System.getenv("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE")))
                .region(Region.of(System.getenv("AWS_REGION")))
                .build();
    }

    /** What the Runtime Interface Client passes as the invocation's context, filled with fixed values. */
    private static final class ProbeContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "bench-" + System.nanoTime();
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/bench-settings";
        }

        @Override
        public String getLogStreamName() {
            return "bench";
        }

        @Override
        public String getFunctionName() {
            return "bench-settings";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:123456789012:function:bench-settings";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 30_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.print(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.write(message, 0, message.length);
                }
            };
        }
    }
}
