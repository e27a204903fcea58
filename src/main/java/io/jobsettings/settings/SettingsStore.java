package io.jobsettings.settings;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.jobsettings.platform.SettingsTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Reads and writes settings documents. Secrets are sealed on the way in and opened on the way out, so every caller
 * above this class works with plain values and nothing below it ever holds one.
 */
@Singleton
public class SettingsStore {

    /** Another writer stored a newer version between our read and our write. */
    public static class VersionConflict extends Exception {
        VersionConflict() {
            super("the settings changed since they were read", null, false, false);
        }
    }

    private static final String VERSION = "version";
    private static final String UPDATED_AT = "updatedAt";
    private static final String DOCUMENT = "document";

    private final DynamoDbClient dynamo;
    private final SettingsTable table;
    private final SecretCipher cipher;
    private final ObjectMapper mapper;

    public SettingsStore(DynamoDbClient dynamo, SettingsTable table, SecretCipher cipher, ObjectMapper mapper) {
        this.dynamo = dynamo;
        this.table = table;
        this.cipher = cipher;
        this.mapper = mapper;
    }

    /** The stored settings, or the defaults at version 0 for an environment that never stored any. */
    public Settings read(String envId) {
        GetItemResponse found = dynamo.getItem(b -> b.tableName(table.name())
                .key(SettingsTable.key(envId, SettingsTable.SETTINGS_SK))
                .consistentRead(true));
        return found.hasItem() ? fromItem(envId, found.item()) : Settings.defaults(envId);
    }

    /** Stores {@code settings} if the stored version is still {@code expectedVersion} (0: nothing stored yet). */
    public void write(Settings settings, long expectedVersion) throws VersionConflict {
        Map<String, AttributeValue> item =
                new HashMap<>(SettingsTable.key(settings.envId(), SettingsTable.SETTINGS_SK));
        item.put(VERSION, AttributeValue.fromN(Long.toString(settings.version())));
        item.put(UPDATED_AT, AttributeValue.fromS(settings.updatedAt().toString()));
        item.put(DOCUMENT, AttributeValue.fromS(sealedDocument(settings)));

        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table.name()).item(item);
        if (expectedVersion == 0) {
            put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", "pk"));
        } else {
            put.conditionExpression("#v = :expected")
                    .expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(
                            Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion))));
        }
        try {
            dynamo.putItem(put.build());
        } catch (ConditionalCheckFailedException e) {
            throw new VersionConflict();
        }
    }

    private String sealedDocument(Settings settings) {
        ObjectNode document = mapper.valueToTree(settings);
        document.remove(java.util.List.of("envId", VERSION, UPDATED_AT));
        SecretFields.rewrite(document, (pointer, plain) -> cipher.seal(plain, settings.envId(), pointer));
        return document.toString();
    }

    private Settings fromItem(String envId, Map<String, AttributeValue> item) {
        try {
            ObjectNode document = (ObjectNode) mapper.readTree(item.get(DOCUMENT).s());
            SecretFields.rewrite(document, (pointer, sealed) -> cipher.open(sealed, envId, pointer));
            Settings stored = mapper.treeToValue(document, Settings.class);
            long version = Long.parseLong(item.get(VERSION).n());
            Instant updatedAt = Optional.ofNullable(item.get(UPDATED_AT)).map(a -> Instant.parse(a.s())).orElse(null);
            return stored.withServerFields(envId, version, updatedAt, stored.jobs());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("stored settings of " + envId + " are not a readable document", e);
        }
    }
}
