package io.jobsettings.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.inject.Named;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.jobsettings.settings.SettingsApi;

/**
 * Reads template.yaml and holds it against the code: every function runs a handler that exists, every handler is
 * deployed, every variable the code reads is set, every route is routed, and every event source sends what its
 * handler reads. CloudFormation's short tags (!Ref, !Sub) read as their plain values here, which is all this needs.
 */
class TemplateTest {

    /** Variables the code reads that AWS must not set: local runs and tests only, each with its reason. */
    private static final Map<String, String> LOCAL_ONLY = Map.of(
            "CUSTOMER_STORAGE_ENDPOINT_OVERRIDE", "points customer buckets at a local S3-compatible server",
            "SCHEDULER_REGION", "a fixed region for the Scheduler client in tests; Lambda's own region applies",
            "SCHEDULER_ACCESS_KEY_ID", "static keys for the Scheduler stand-in; the function's role applies in AWS",
            "SCHEDULER_SECRET_ACCESS_KEY", "static keys for the Scheduler stand-in; the role applies in AWS");

    private static JsonNode template;
    private static Map<String, JsonNode> functions;

    @BeforeAll
    static void readTemplate() throws IOException {
        template = new ObjectMapper(new YAMLFactory()).readTree(Path.of("template.yaml").toFile());
        functions = new LinkedHashMap<>();
        template.get("Resources").fields().forEachRemaining(resource -> {
            if (resource.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.put(resource.getKey(), resource.getValue());
            }
        });
    }

    @Test
    void everyFunctionRunsAHandlerThatExistsAndEveryHandlerIsDeployed() throws Exception {
        Set<String> deployed = new TreeSet<>();
        functions.values().forEach(function -> deployed.add(handlerOf(function)));

        assertThat(deployed).isEqualTo(handlersInCode());
    }

    @Test
    void everyFunctionSetsEveryVariableItsHandlerRequires() throws Exception {
        Map<String, List<String>> required = requiredByHandler();
        for (Map.Entry<String, JsonNode> function : functions.entrySet()) {
            Set<String> variables = variablesOf(function.getValue());
            assertThat(variables).as(function.getKey())
                    .contains("SECRETS_KEY", "SETTINGS_TABLE")
                    .containsAll(required.get(handlerOf(function.getValue())));
        }
    }

    @Test
    void everyVariableTheCodeReadsIsSetByTheTemplateUnlessItIsLocalOnly() throws Exception {
        Set<String> read = variablesReadByCode();
        read.removeAll(LOCAL_ONLY.keySet());

        Set<String> set = new TreeSet<>();
        functions.values().forEach(function -> set.addAll(variablesOf(function)));
        assertThat(set).containsAll(read);
        assertThat(read).contains("SETTINGS_TABLE", "SECRETS_KEY", "JOBS_API_URL", "ALLOW_INSECURE_TARGETS");
    }

    @Test
    void everyRouteTheSettingsApiServesIsRoutedToItAndNothingElseIs() {
        Set<String> routed = new TreeSet<>();
        JsonNode settings = functionRunning("settings");
        settings.path("Properties").path("Events").forEach(event -> {
            if (event.path("Type").asText().equals("HttpApi")) {
                JsonNode properties = event.path("Properties");
                routed.add(properties.path("Method").asText() + " " + properties.path("Path").asText());
            }
        });

        assertThat(routed).isEqualTo(new TreeSet<>(SettingsApi.ROUTES));
        functions.values().stream().filter(f -> f != settings).forEach(other -> other.path("Properties")
                .path("Events").forEach(event -> assertThat(event.path("Type").asText()).isNotEqualTo("HttpApi")));
    }

    @Test
    void linkFunctionHearsTheConnectorEventsItReads() {
        JsonNode pattern = eventOfType(functionRunning("link"), "EventBridgeRule").path("Properties").path("Pattern");

        assertThat(texts(pattern.path("source"))).containsExactly("jobs.connectors");
        assertThat(texts(pattern.path("detail-type")))
                .containsExactlyInAnyOrder("Connector Linked", "Connector Unlinked");
    }

    @Test
    void completionFunctionReadsItsQueueWithPartialBatchFailuresAndTheRulesFeedIt() {
        JsonNode sqs = eventOfType(functionRunning("completion"), "SQS").path("Properties");
        assertThat(texts(sqs.path("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");

        Set<String> detailTypes = new HashSet<>();
        Set<String> sources = new HashSet<>();
        template.get("Resources").forEach(resource -> {
            JsonNode pattern = resource.path("Properties").path("EventPattern");
            if (resource.path("Type").asText().equals("AWS::Events::Rule") && !pattern.isMissingNode()) {
                sources.addAll(texts(pattern.path("source")));
                detailTypes.addAll(texts(pattern.path("detail-type")));
            }
        });
        assertThat(sources).contains("jobs.runner", "aws.s3");
        assertThat(detailTypes).contains("Job Status Changed", "Object Created");
    }

    @Test
    void tableHasTheKeysTtlAndRecoveryTheCodeExpects() {
        JsonNode table = template.get("Resources").get("SettingsTable").get("Properties");

        assertThat(table.path("KeySchema").findValuesAsText("AttributeName")).containsExactly("pk", "sk");
        assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo("expiresAt");
        assertThat(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean())
                .isTrue();
        assertThat(table.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
    }

    @Test
    void everySampleEventIsSentThroughItsHandlerByATest() throws IOException {
        String tests = allTestSources();
        try (Stream<Path> samples = Files.list(Path.of("events"))) {
            samples.map(sample -> sample.getFileName().toString()).forEach(name ->
                    assertThat(tests).as("a test that sends events/" + name).contains("events/" + name));
        }
    }

    private static String handlerOf(JsonNode function) {
        return function.path("Properties").path("Environment").path("Variables").path("QUARKUS_LAMBDA_HANDLER")
                .asText();
    }

    private static JsonNode functionRunning(String handler) {
        return functions.values().stream().filter(f -> handlerOf(f).equals(handler)).findFirst()
                .orElseThrow(() -> new AssertionError("no function runs " + handler));
    }

    private static JsonNode eventOfType(JsonNode function, String type) {
        for (JsonNode event : function.path("Properties").path("Events")) {
            if (event.path("Type").asText().equals(type)) {
                return event;
            }
        }
        throw new AssertionError("no " + type + " event");
    }

    private static Set<String> variablesOf(JsonNode function) {
        Set<String> variables = new TreeSet<>();
        template.path("Globals").path("Function").path("Environment").path("Variables").fieldNames()
                .forEachRemaining(variables::add);
        function.path("Properties").path("Environment").path("Variables").fieldNames()
                .forEachRemaining(variables::add);
        return variables;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** Handler names from the compiled classes: every RequestHandler or RequestStreamHandler with @Named. */
    private static Set<String> handlersInCode() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target/classes");
        Set<String> names = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList();
        }
        for (Path file : files) {
            String className = classes.relativize(file).toString().replace('/', '.').replace(".class", "");
            Class<?> type = Class.forName(className, false, TemplateTest.class.getClassLoader());
            Named named = type.getAnnotation(Named.class);
            boolean handler = RequestHandler.class.isAssignableFrom(type)
                    || RequestStreamHandler.class.isAssignableFrom(type);
            if (named != null && handler) {
                names.add(named.value());
            }
        }
        return names;
    }

    private static Map<String, List<String>> requiredByHandler() throws Exception {
        var field = Class.forName("io.jobsettings.platform.RequiredEnvironment").getDeclaredField("REQUIRED");
        field.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<String, List<String>> required = (Map<String, List<String>>) field.get(null);
        return required;
    }

    /** Every configuration name the main code reads, as the environment variable that sets it. */
    private static Set<String> variablesReadByCode() throws IOException {
        Pattern property = Pattern.compile(
                "@ConfigProperty\\(name = \"([a-z0-9.-]+)\"|getOptionalValue\\(\"([a-z0-9.-]+)\"|\\$\\{([a-z0-9.-]+)");
        Set<String> variables = new TreeSet<>();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(Path.of("src/main"))) {
            sources = walk.filter(Files::isRegularFile).toList();
        }
        for (Path source : sources) {
            Matcher matcher = property.matcher(Files.readString(source));
            while (matcher.find()) {
                String name = matcher.group(1) != null ? matcher.group(1)
                        : matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
                if (!name.startsWith("quarkus.")) {
                    variables.add(name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT));
                }
            }
        }
        return variables;
    }

    private static String allTestSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> walk = Files.walk(Path.of("src/test/java"))) {
            for (Path source : walk.filter(f -> f.toString().endsWith(".java")
                    && !f.getFileName().toString().equals("TemplateTest.java")).toList()) {
                all.append(Files.readString(source));
            }
        }
        return all.toString();
    }
}
