package io.jobsettings.platform;

import java.util.Map;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one DynamoDB table every handler shares. Items of an environment live under partition key
 * {@code ENV#<envId>}; the sort key says what the item is:
 * <ul>
 *   <li>{@code SETTINGS}: the settings document, its version and update time;</li>
 *   <li>{@code LINK#<flow>#<tenant>}: what was done for a link (schedule created, jobs started);</li>
 *   <li>{@code EVENT#<event id>}: an event already acted on, kept until {@code expiresAt} for de-duplication;</li>
 *   <li>{@code DELIVERY#<job>#<status>#<channel>}: a notification delivery and its attempts.</li>
 * </ul>
 * Keeping an environment's items under one partition key means no query can ever reach another environment's data.
 */
@Singleton
public class SettingsTable {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String SETTINGS_SK = "SETTINGS";

    private final String name;

    public SettingsTable(@ConfigProperty(name = "settings.table", defaultValue = "job-settings") String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public static String environmentKey(String envId) {
        return "ENV#" + envId;
    }

    public static Map<String, AttributeValue> key(String envId, String sortKey) {
        return Map.of(PK, AttributeValue.fromS(environmentKey(envId)), SK, AttributeValue.fromS(sortKey));
    }
}
