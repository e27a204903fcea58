package io.jobsettings.settings;

/** ETags of settings are the quoted version number. */
final class EntityTags {

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** True when an If-Match header names {@code version} (weak tags compare by their value) or is {@code *}. */
    static boolean matches(String ifMatch, long version) {
        for (String tag : ifMatch.split(",")) {
            String trimmed = tag.strip();
            if (trimmed.startsWith("W/")) {
                trimmed = trimmed.substring(2);
            }
            if (trimmed.equals("*") || trimmed.equals(of(version))) {
                return true;
            }
        }
        return false;
    }
}
