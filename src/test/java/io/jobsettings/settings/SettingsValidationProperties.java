package io.jobsettings.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.job.JobStatus;
import io.jobsettings.notify.TargetAddressPolicy;
import io.jobsettings.platform.http.FieldError;
import io.jobsettings.platform.http.ProblemException;
import io.jobsettings.platform.json.QuotedValue;
import io.jobsettings.platform.json.StrictJson;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Validation of the settings document on generated patches, through the reader the settings API uses: a valid
 * patch is taken as sent, one bad value is named by its pointer and blamed on nothing outside its object, and no
 * body makes the reader fail other than with a 400 naming members the body holds.
 */
class SettingsValidationProperties {

    private static final String ENV_ID = "prod.acme.example";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper SHARED = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final SettingsView VIEW = new SettingsView(SHARED);
    private static final SettingsDocumentReader READER =
            new SettingsDocumentReader(new StrictJson(SHARED), validator(), VIEW);

    /** A value the rules refuse, where it goes, and the object it belongs to. */
    record BadValue(String pointer, JsonNode value) {
        String parent() {
            return pointer.substring(0, pointer.lastIndexOf('/'));
        }
    }

    @Property(tries = 300)
    void validPatchIsTakenWithEveryValueAsSent(@ForAll("validPatches") ObjectNode patch) {
        Settings taken = READER.patched(ENV_ID, patch, Settings.defaults(ENV_ID));

        ObjectNode plain = VIEW.plain(taken);
        leaves(patch).forEach((pointer, value) -> assertThat(plain.at(pointer)).as(pointer).isEqualTo(value));
    }

    @Property(tries = 400)
    void oneBadValueIsNamedByItsPointerAndNothingOutsideItsObjectIsBlamed(
            @ForAll("validPatches") ObjectNode patch, @ForAll("badValues") BadValue bad) {
        put(patch, bad.pointer(), bad.value());

        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> READER.patched(ENV_ID, patch, Settings.defaults(ENV_ID)));

        assertThat(refused).as("%s = %s", bad.pointer(), bad.value()).isNotNull();
        assertThat(refused.status()).isEqualTo(400);
        List<String> pointers = refused.errors().stream().map(FieldError::pointer).toList();
        assertThat(pointers).as(refused.detail()).anyMatch(pointer -> pointer.startsWith(bad.pointer()));
        assertThat(pointers).allMatch(pointer -> pointer.startsWith(bad.parent() + "/"));
        assertThat(refused.errors()).allMatch(error -> !error.message().isBlank());
    }

    @Property(tries = 200)
    void documentAsReadCanBeSentBackAsItIsAndChangesNothing(@ForAll("validPatches") ObjectNode patch) {
        Settings stored = READER.patched(ENV_ID, patch, Settings.defaults(ENV_ID));

        Settings sentBack = READER.replacement(ENV_ID, VIEW.masked(stored), stored);

        assertThat(sentBack).isEqualTo(stored);
    }

    @Property(tries = 400)
    void anyBodyIsTakenOrRefusedWithA400NamingWhatItHolds(@ForAll("hostilePatches") ObjectNode patch) {
        ProblemException refused;
        try {
            READER.patched(ENV_ID, patch, Settings.defaults(ENV_ID));
            return;
        } catch (ProblemException e) {
            refused = e;
        }

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).isNotBlank();
        for (FieldError error : refused.errors()) {
            String member = JsonPointer.compile(error.pointer()).getMatchingProperty();
            boolean namesAMemberSent = patch.has(member) || patch.properties().stream().map(Map.Entry::getKey)
                    .anyMatch(name -> QuotedValue.unknownMemberName(name).equals(member));
            assertThat(namesAMemberSent).as("%s in %s", error.pointer(), patch).isTrue();
            assertThat(error.message()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<ObjectNode> validPatches() {
        Map<String, Arbitrary<JsonNode>> sections = Map.of(
                "jobs", jobs(), "webhook", webhook(), "datadog", datadog(), "slack", slack(),
                "storage", Combinators.combine(bucket().injectNull(0.4), bucket().injectNull(0.4))
                        .as((snapshots, cache) -> object("snapshots", snapshots, "cache", cache)));
        return sectionsOf(sections);
    }

    @Provide
    Arbitrary<BadValue> badValues() {
        Arbitrary<String> bucketObject = Arbitraries.of("snapshots", "cache");
        return Arbitraries.oneOf(
                bad("/jobs/forceFullSync", NODES.textNode("yes"), NODES.numberNode(1), NODES.arrayNode()),
                bad("/jobs/rollbackOnFailure", NODES.textNode("false"), NODES.objectNode()),
                bad("/jobs/defaultSchedule/expression", text("cron(0 3 * *)"), text("rate(0 minutes)"),
                        text("cron(0 3 * * * *)"), text("cron(" + "1 ".repeat(200) + ")"), NODES.numberNode(5)),
                bad("/jobs/defaultSchedule/enabled", text("on"), NODES.numberNode(0)),
                bad("/webhook/url", text("http://hooks.acme.example/jobs"), text("https://127.0.0.1/jobs"),
                        text("https://[::ffff:10.0.0.1]/jobs"), text("https://2130706433/"),
                        text("https://169.254.169.254/latest"), text("https://user:pw@hooks.acme.example/"),
                        text(""), text("https://hooks.acme.example/" + "a".repeat(2100)), NODES.numberNode(7)),
                bad("/webhook/secret", text("s3cr3t"), text("whsec_"), text("whsec_" + base64(10)),
                        text("whsec_****abcd"), NODES.booleanNode(true)),
                bad("/webhook/events", NODES.arrayNode(), NODES.arrayNode().add("JOB_DONE"),
                        NODES.arrayNode().add("SYNC_FAILED").add("SYNC_FAILED"), text("SYNC_FAILED")),
                bad("/datadog/site", text("EU9"), text("eu1 "), NODES.numberNode(3), NODES.nullNode()),
                bad("/datadog/apiKey", text("short"), text("g".repeat(32)), text("****9f3a"), NODES.nullNode()),
                bad("/slack/webhookUrl", text("https://evil.example/services/T0/B0/x"),
                        text("https://hooks.slack.com.evil.example/services/T0/B0/x"),
                        text("https://hooks.slack.com/services/T0/B0/" + "x".repeat(600)), NODES.nullNode()),
                bucketObject.flatMap(kind -> bad("/storage/" + kind + "/bucket", text("Not_A_Bucket"), text("ab"),
                        text("xn--abc"), text("a..b"), NODES.numberNode(1))),
                bucketObject.flatMap(kind -> bad("/storage/" + kind + "/region", text("mars"), text("EU-WEST-1"))),
                bucketObject.flatMap(kind -> bad("/storage/" + kind + "/prefix", text("../other/"), text("/abs/"),
                        text("etl"), text("a/".repeat(300)))),
                bucketObject.flatMap(kind -> bad("/storage/" + kind + "/accessKeyId", text("lower"),
                        NODES.nullNode())),
                bucketObject.flatMap(kind -> bad("/storage/" + kind + "/secretAccessKey", text("short"),
                        text("****wXyZ"), NODES.nullNode())));
    }

    @Provide
    Arbitrary<ObjectNode> hostilePatches() {
        Arbitrary<String> members = Arbitraries.oneOf(Arbitraries.of("jobs", "webhook", "datadog", "slack",
                "storage", "envId", "version", "updatedAt", "forceFullSync", "snapshots", "url", "secret",
                "a/b", "~1", ""),
                Arbitraries.strings().ofMaxLength(12));
        return Arbitraries.maps(members, anyJson(3)).ofMaxSize(5).map(SettingsValidationProperties::objectOf);
    }

    private static Arbitrary<JsonNode> anyJson(int depth) {
        Arbitrary<JsonNode> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(NODES::textNode),
                Arbitraries.of("whsec_****abcd", "****9f3a", "US1", "JOB_COMPLETED", "cron(0 3 * * ? *)",
                        "https://hooks.slack.com/services/T0/B0/x", "https://127.0.0.1/", "\u0000", "\ud800")
                        .map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth == 0) {
            return scalars;
        }
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of("forceFullSync", "defaultSchedule", "expression",
                "enabled", "url", "secret", "events", "site", "apiKey", "webhookUrl", "snapshots", "cache", "bucket",
                "region", "prefix", "accessKeyId", "secretAccessKey"), Arbitraries.strings().ofMaxLength(8));
        Arbitrary<JsonNode> objects = Arbitraries.maps(keys, anyJson(depth - 1)).ofMaxSize(4)
                .map(SettingsValidationProperties::objectOf);
        Arbitrary<JsonNode> arrays = anyJson(depth - 1).list().ofMaxSize(3).map(items -> {
            var array = NODES.arrayNode();
            items.forEach(array::add);
            return array;
        });
        return Arbitraries.frequencyOf(
                Tuple.of(3, scalars), Tuple.of(2, objects),
                Tuple.of(1, arrays));
    }

    private static Arbitrary<JsonNode> jobs() {
        Arbitrary<JsonNode> expression = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(0, 59), Arbitraries.integers().between(0, 23))
                        .as((minute, hour) -> text("cron(" + minute + " " + hour + " * * ? *)")),
                Arbitraries.integers().between(2, 999).map(n -> text("rate(" + n + " minutes)")));
        Arbitrary<JsonNode> schedule = Combinators.combine(Arbitraries.of(true, false), expression)
                .as((enabled, cron) -> object("enabled", NODES.booleanNode(enabled), "expression", cron));
        Arbitrary<String> flag = Arbitraries.of("forceFullSync", "forceDiscover", "triggerJobOnLink",
                "triggerDiscoverOnLink", "rollbackOnFailure", "saveSnapshotsOnFailure");
        return Combinators.combine(Arbitraries.maps(flag, Arbitraries.of(true, false)).ofMaxSize(6),
                schedule.injectNull(0.3)).as((flags, defaultSchedule) -> {
                    ObjectNode jobs = NODES.objectNode();
                    flags.forEach(jobs::put);
                    if (defaultSchedule != null) {
                        jobs.set("defaultSchedule", defaultSchedule);
                    }
                    return jobs;
                });
    }

    private static Arbitrary<JsonNode> webhook() {
        Arbitrary<String> host = Arbitraries.oneOf(word().map(label -> "hooks." + label + ".example"),
                Arbitraries.just("93.184.216.34"));
        Arbitrary<JsonNode> url = Combinators.combine(host, word())
                .as((name, path) -> text("https://" + name + "/" + path));
        Arbitrary<JsonNode> secret = Arbitraries.integers().between(24, 64).map(n -> text("whsec_" + base64(n)));
        Arbitrary<JsonNode> events = Arbitraries.of(JobStatus.class).set().ofMinSize(1).map(statuses -> {
            var array = NODES.arrayNode();
            statuses.forEach(status -> array.add(status.name()));
            return (JsonNode) array;
        }).injectNull(0.3);
        return Combinators.combine(url, secret, events)
                .as((to, key, statuses) -> object("url", to, "secret", key, "events", statuses));
    }

    private static Arbitrary<JsonNode> datadog() {
        Arbitrary<String> site = Arbitraries.of("US1", "US3", "US5", "EU1", "AP1", "AP2", "US1-FED");
        Arbitrary<String> key = Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(32);
        return Combinators.combine(site, key).as((s, k) -> object("site", text(s), "apiKey", text(k)));
    }

    private static Arbitrary<JsonNode> slack() {
        Arbitrary<String> part = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(24);
        return Combinators.combine(part, part, part)
                .as((team, bot, token) -> object("webhookUrl",
                        text("https://hooks.slack.com/services/T" + team + "/B" + bot + "/" + token)));
    }

    private static Arbitrary<JsonNode> bucket() {
        Arbitrary<String> name = Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofLength(1),
                Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-').ofMinLength(1)
                        .ofMaxLength(40), Arbitraries.strings().numeric().ofLength(1))
                .as((first, middle, last) -> first + middle + last);
        Arbitrary<String> region = Arbitraries.of("eu-west-1", "us-east-1", "ap-southeast-2", "us-gov-west-1");
        Arbitrary<String> prefix = word().list().ofMaxSize(3).map(segments -> String.join("",
                segments.stream().map(segment -> segment + "/").toList()));
        Arbitrary<String> keyId = Arbitraries.strings().withCharRange('A', 'Z').numeric().ofMinLength(16)
                .ofMaxLength(24);
        Arbitrary<String> secret = Arbitraries.strings().alpha().numeric().withChars('/', '+', '=').ofLength(40);
        return Combinators.combine(name, region, prefix, keyId, secret)
                .as((bucket, where, under, id, key) -> object("bucket", text(bucket), "region", text(where),
                        "prefix", text(under), "accessKeyId", text(id), "secretAccessKey", text(key)));
    }

    private static Arbitrary<ObjectNode> sectionsOf(Map<String, Arbitrary<JsonNode>> sections) {
        List<Arbitrary<JsonNode>> values = new ArrayList<>();
        List<String> names = new ArrayList<>(new TreeMap<>(sections).keySet());
        names.forEach(name -> values.add(sections.get(name).injectNull(0.5)));
        return Combinators.combine(values).as(chosen -> {
            ObjectNode patch = NODES.objectNode();
            for (int i = 0; i < names.size(); i++) {
                if (chosen.get(i) != null) {
                    patch.set(names.get(i), chosen.get(i));
                }
            }
            return patch;
        });
    }

    private static Arbitrary<BadValue> bad(String pointer, JsonNode... values) {
        return Arbitraries.of(values).map(value -> new BadValue(pointer, value));
    }

    private static Arbitrary<String> word() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(10);
    }

    /** Sets a member at a pointer, making the objects on the way; a null value is sent as JSON null. */
    private static void put(ObjectNode root, String pointer, JsonNode value) {
        String[] names = pointer.substring(1).split("/");
        ObjectNode parent = root;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode child = parent.get(names[i]);
            parent = child instanceof ObjectNode object ? object : parent.putObject(names[i]);
        }
        parent.set(names[names.length - 1], value);
    }

    /** Every scalar and array of a document, by its pointer; null members are left out (a patch drops them). */
    private static Map<String, JsonNode> leaves(JsonNode node) {
        Map<String, JsonNode> leaves = new TreeMap<>();
        collect("", node, leaves);
        return leaves;
    }

    private static void collect(String pointer, JsonNode node, Map<String, JsonNode> leaves) {
        if (node.isObject()) {
            node.fields().forEachRemaining(member -> collect(pointer + "/" + member.getKey(), member.getValue(),
                    leaves));
        } else if (!node.isNull()) {
            leaves.put(pointer, node);
        }
    }

    private static ObjectNode object(Object... namesAndValues) {
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            JsonNode value = (JsonNode) namesAndValues[i + 1];
            if (value != null) {
                object.set((String) namesAndValues[i], value);
            }
        }
        return object;
    }

    private static ObjectNode objectOf(Map<String, JsonNode> members) {
        ObjectNode object = NODES.objectNode();
        members.forEach(object::set);
        return object;
    }

    private static JsonNode text(String value) {
        return NODES.textNode(value);
    }

    private static String base64(int bytes) {
        byte[] random = new byte[bytes];
        new java.util.Random(bytes).nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    /** Hibernate Validator as the function builds it, its URL rules resolving every name to a public address. */
    private static Validator validator() {
        byte[] publicAddress = {93, (byte) 184, (byte) 216, 34};
        TargetAddressPolicy policy = new TargetAddressPolicy(false,
                host -> new InetAddress[] {InetAddress.getByAddress(host, publicAddress)});
        ConstraintValidatorFactory defaults = Validation.byDefaultProvider().configure()
                .getDefaultConstraintValidatorFactory();
        ConstraintValidatorFactory withPolicy = new ConstraintValidatorFactory() {
            @Override
            public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> type) {
                T created = defaults.getInstance(type);
                if (created instanceof SafeWebhookUrlValidator url) {
                    url.policy = policy;
                } else if (created instanceof SlackWebhookUrlValidator slack) {
                    slack.policy = policy;
                }
                return created;
            }

            @Override
            public void releaseInstance(ConstraintValidator<?, ?> instance) {
                defaults.releaseInstance(instance);
            }
        };
        return Validation.byProvider(HibernateValidator.class).configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .constraintValidatorFactory(withPolicy)
                .buildValidatorFactory().getValidator();
    }
}
