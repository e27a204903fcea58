package io.jobsettings.settings;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.platform.http.ApiRequest;
import io.jobsettings.platform.http.ApiResponse;
import io.jobsettings.platform.http.ProblemException;
import io.jobsettings.platform.json.QuotedValue;
import io.jobsettings.platform.json.StrictJson;
import io.jobsettings.job.JobDetails;
import io.jobsettings.notify.Channel;
import io.jobsettings.notify.DeliveryLog;
import io.jobsettings.notify.TestNotifications;
import io.jobsettings.settings.AccessPolicy.Need;
import io.jobsettings.storage.StorageProbe;

/** The routes of the settings API: which request goes where, who may make it, and what it answers. */
@Singleton
public class SettingsApi {

    /** Every route this API serves; template.yaml routes each one to the settings function, and a test checks both. */
    public static final List<String> ROUTES = List.of(
            "GET /environments/{envId}/settings",
            "PUT /environments/{envId}/settings",
            "PATCH /environments/{envId}/settings",
            "DELETE /environments/{envId}/settings",
            "POST /environments/{envId}/settings/test",
            "GET /environments/{envId}/deliveries");

    private static final Pattern ANY_ENVIRONMENT_ROUTE = Pattern.compile("/environments/([^/]+)/.*");
    private static final Pattern SETTINGS = Pattern.compile("/environments/([^/]+)/settings/?");
    private static final Pattern SETTINGS_TEST = Pattern.compile("/environments/([^/]+)/settings/test/?");
    private static final Pattern DELIVERIES = Pattern.compile("/environments/([^/]+)/deliveries/?");
    private static final Pattern ENV_ID = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?");
    private static final List<String> TEST_TARGETS = List.of("webhook", "slack", "datadog", "snapshots", "cache");

    private final AccessPolicy access;
    private final SettingsService service;
    private final SettingsView view;
    private final StrictJson json;
    private final ObjectMapper mapper;
    private final StorageProbe storageProbe;
    private final TestNotifications testNotifications;
    private final DeliveryLog deliveryLog;

    public SettingsApi(AccessPolicy access, SettingsService service, SettingsView view, StrictJson json,
            ObjectMapper mapper, StorageProbe storageProbe, TestNotifications testNotifications,
            DeliveryLog deliveryLog) {
        this.access = access;
        this.service = service;
        this.view = view;
        this.json = json;
        this.mapper = mapper;
        this.storageProbe = storageProbe;
        this.testNotifications = testNotifications;
        this.deliveryLog = deliveryLog;
    }

    /** The environment a request names, for logs; empty when the path names none or one that is not valid. */
    public static Optional<String> envIdOf(ApiRequest request) {
        Matcher matcher = ANY_ENVIRONMENT_ROUTE.matcher(request.path());
        return matcher.matches() && ENV_ID.matcher(matcher.group(1)).matches()
                ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** True for a well-formed environment id: 1 to 128 letters, digits, dots, hyphens or underscores. */
    static boolean isEnvironmentId(String envId) {
        return ENV_ID.matcher(envId).matches();
    }

    public ApiResponse handle(ApiRequest request) {
        Matcher settings = SETTINGS.matcher(request.path());
        if (settings.matches()) {
            return settingsRoute(request, envId(settings));
        }
        Matcher test = SETTINGS_TEST.matcher(request.path());
        if (test.matches()) {
            requireMethod(request, "POST");
            return testTarget(request, envId(test));
        }
        Matcher deliveries = DELIVERIES.matcher(request.path());
        if (deliveries.matches()) {
            requireMethod(request, "GET");
            return deliveries(request, envId(deliveries));
        }
        throw new ProblemException(404, "Not Found", "no route for " + QuotedValue.of(request.method(), 16) + " "
                + QuotedValue.of(request.path()));
    }

    private ApiResponse settingsRoute(ApiRequest request, String envId) {
        return switch (request.method()) {
            case "GET" -> read(request, envId);
            case "PUT" -> write(request, envId, true);
            case "PATCH" -> write(request, envId, false);
            case "DELETE" -> reset(request, envId);
            default -> throw methodNotAllowed(request, "GET, PUT, PATCH, DELETE");
        };
    }

    private ApiResponse read(ApiRequest request, String envId) {
        access.check(request, envId, Need.READ);
        return document(service.read(envId));
    }

    private ApiResponse write(ApiRequest request, String envId, boolean replace) {
        access.check(request, envId, Need.WRITE);
        requireJsonBody(request, replace);

        JsonNode body = json.readObject(request.body());
        Optional<String> ifMatch = request.header("if-match");
        Settings stored = replace ? service.replace(envId, body, ifMatch) : service.patch(envId, body, ifMatch);
        return document(stored);
    }

    private ApiResponse reset(ApiRequest request, String envId) {
        access.check(request, envId, Need.WRITE);
        Settings stored = service.reset(envId, request.header("if-match"));
        return ApiResponse.noContent().withHeader("etag", EntityTags.of(stored.version()));
    }

    private ApiResponse testTarget(ApiRequest request, String envId) {
        access.check(request, envId, Need.WRITE);
        requireJsonBody(request, true);

        JsonNode body = json.readObject(request.body());
        body.fieldNames().forEachRemaining(member -> {
            if (!member.equals("target")) {
                throw ProblemException.invalid("/" + QuotedValue.unknownMemberName(member).replace("~", "~0")
                        .replace("/", "~1"), "is not a known member");
            }
        });
        JsonNode target = body.path("target");
        if (!target.isTextual() || !TEST_TARGETS.contains(target.textValue())) {
            throw ProblemException.invalid("/target", "must be one of " + String.join(", ", TEST_TARGETS));
        }
        Settings settings = service.read(envId);
        return switch (target.textValue()) {
            case "snapshots" -> probeReport(envId, settings.storage().snapshots());
            case "cache" -> probeReport(envId, settings.storage().cache());
            default -> testReport(Channel.fromId(target.textValue()).orElseThrow(), settings);
        };
    }

    private ApiResponse testReport(Channel channel, Settings settings) {
        TestNotifications.Report report = testNotifications.send(channel, settings)
                .orElseThrow(() -> new ProblemException(409, "Conflict", "the environment has no " + channel.id()
                        + " set up; store it in the settings first"));
        return ApiResponse.json(200, mapper.valueToTree(report).toString());
    }

    private ApiResponse deliveries(ApiRequest request, String envId) {
        access.check(request, envId, Need.READ);
        String jobId = request.query().getOrDefault("job_id", "").strip();
        if (jobId.isEmpty()) {
            throw ProblemException.badRequest("the query parameter job_id is required: the job whose deliveries "
                    + "to list");
        }
        if (jobId.length() > JobDetails.MAX_ID_LENGTH) {
            throw ProblemException.badRequest("the query parameter job_id must be 1 to " + JobDetails.MAX_ID_LENGTH
                    + " characters");
        }
        if (!QuotedValue.isPlain(jobId)) {
            throw ProblemException.badRequest("the query parameter job_id holds control or invisible characters,"
                    + " which no recorded job's id has");
        }
        ObjectNode answer = mapper.createObjectNode().put("envId", envId).put("jobId", jobId);
        answer.set("deliveries", mapper.valueToTree(deliveryLog.history(envId, jobId)));
        return ApiResponse.json(200, answer.toString());
    }

    private ApiResponse probeReport(String envId, BucketSettings bucket) {
        StorageProbe.Report report = storageProbe.probe(envId, bucket);
        return ApiResponse.json(200, mapper.valueToTree(report).toString());
    }

    private ApiResponse document(Settings settings) {
        return ApiResponse.json(200, view.masked(settings).toString())
                .withHeader("etag", EntityTags.of(settings.version()));
    }

    private static String envId(Matcher route) {
        String envId = route.group(1);
        if (!ENV_ID.matcher(envId).matches()) {
            throw ProblemException.badRequest("the environment id in the path must be 1 to 128 letters, digits, "
                    + "dots, hyphens or underscores, starting and ending with a letter or digit");
        }
        return envId;
    }

    private static void requireMethod(ApiRequest request, String allowed) {
        if (!request.method().equals(allowed)) {
            throw methodNotAllowed(request, allowed);
        }
    }

    private static ProblemException methodNotAllowed(ApiRequest request, String allowed) {
        return new AllowingProblem(request.method() + " is not allowed here; allowed: " + allowed, allowed);
    }

    private static void requireJsonBody(ApiRequest request, boolean plainJsonOnly) {
        String[] parts = request.header("content-type").orElse("").toLowerCase(Locale.ROOT).split(";");
        String type = parts[0].strip();
        boolean json = type.equals("application/json");
        boolean mergePatch = type.equals("application/merge-patch+json");
        if (!(json || (!plainJsonOnly && mergePatch))) {
            String expected = plainJsonOnly ? "application/json" : "application/merge-patch+json or application/json";
            throw new ProblemException(415, "Unsupported Media Type",
                    "content-type must be " + expected + (type.isEmpty() ? "" : ", not " + QuotedValue.of(type)));
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                throw new ProblemException(415, "Unsupported Media Type", "JSON bodies must be UTF-8 (RFC 8259), not "
                        + QuotedValue.of(parameter.substring("charset=".length())));
            }
        }
    }

    /** A 405 that carries the Allow header value. */
    public static final class AllowingProblem extends ProblemException {
        private final String allow;

        AllowingProblem(String detail, String allow) {
            super(405, "Method Not Allowed", detail);
            this.allow = allow;
        }

        public String allow() {
            return allow;
        }
    }
}
