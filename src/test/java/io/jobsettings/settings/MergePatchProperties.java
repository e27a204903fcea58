package io.jobsettings.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The RFC 7386 laws, checked on generated documents against the algorithm as the RFC writes it. */
class MergePatchProperties {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property(tries = 200)
    void mergeMatchesTheRfcAlgorithm(@ForAll("objects") JsonNode target, @ForAll("patches") JsonNode patch) {
        assertThat(MergePatch.apply(target, patch, MAPPER)).isEqualTo(rfc7386(target, patch));
    }

    @Property(tries = 200)
    void applyingAPatchTwiceEqualsApplyingItOnce(@ForAll("objects") JsonNode target,
            @ForAll("patches") JsonNode patch) {
        JsonNode once = MergePatch.apply(target, patch, MAPPER);

        assertThat(MergePatch.apply(once, patch, MAPPER)).isEqualTo(once);
    }

    @Property(tries = 200)
    void nullRemovesTheMemberAndLeavesTheOthers(@ForAll("objects") JsonNode target, @ForAll("keys") String key) {
        ObjectNode patch = NODES.objectNode().putNull(key);

        JsonNode merged = MergePatch.apply(target, patch, MAPPER);

        assertThat(merged.has(key)).isFalse();
        ObjectNode expected = ((ObjectNode) target).deepCopy();
        expected.remove(key);
        assertThat(merged).isEqualTo(expected);
    }

    @Property(tries = 100)
    void emptyPatchChangesNothing(@ForAll("objects") JsonNode target) {
        assertThat(MergePatch.apply(target, NODES.objectNode(), MAPPER)).isEqualTo(target);
    }

    /** RFC 7386 section 2, written out independently of the implementation under test. */
    private static JsonNode rfc7386(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                JsonNode current = result.has(member.getKey()) ? result.get(member.getKey()) : NODES.nullNode();
                result.set(member.getKey(), rfc7386(current, member.getValue()));
            }
        }
        return result;
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("a", "b", "c", "jobs", "webhook", "e\u0301", "\u202e", "");
    }

    @Provide
    Arbitrary<JsonNode> objects() {
        return objectOf(values(3, false), 3);
    }

    @Provide
    Arbitrary<JsonNode> patches() {
        return Arbitraries.oneOf(objectOf(values(3, true), 3), values(1, true));
    }

    private Arbitrary<JsonNode> values(int depth, boolean withNulls) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(6).map(NODES::textNode),
                Arbitraries.integers().between(-1000, 1000).map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode));
        Arbitrary<JsonNode> leaf = withNulls
                ? Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, scalar),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(NODES.nullNode())))
                : scalar;
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> array = values(depth - 1, false).list().ofMaxSize(3).map(items -> {
            var node = NODES.arrayNode();
            items.forEach(node::add);
            return (JsonNode) node;
        });
        return Arbitraries.oneOf(leaf, array, objectOf(values(depth - 1, withNulls), 3));
    }

    private Arbitrary<JsonNode> objectOf(Arbitrary<JsonNode> values, int maxMembers) {
        return Arbitraries.maps(keys(), values).ofMaxSize(maxMembers).map(members -> {
            ObjectNode node = NODES.objectNode();
            members.forEach(node::set);
            return node;
        });
    }
}
