package io.jobsettings.settings;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The settings document as callers see it: every secret masked. */
@Singleton
public class SettingsView {

    private final ObjectMapper mapper;

    public SettingsView(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode masked(Settings settings) {
        return SecretFields.rewrite(plain(settings), (pointer, secret) -> SecretMask.mask(secret));
    }

    /** The document with secrets in clear; only for comparing against what a caller sent back. */
    ObjectNode plain(Settings settings) {
        return mapper.valueToTree(settings);
    }
}
