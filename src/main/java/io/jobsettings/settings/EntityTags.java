package io.jobsettings.settings;

/** ETags of settings are the quoted version number. */
final class EntityTags {

    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * True when an If-Match header names {@code version}, or is {@code *} and settings were stored. If-Match compares
     * strongly (RFC 9110): a weak tag never matches.
     */
    static boolean matches(String ifMatch, long version) {
        for (String tag : ifMatch.split(",")) {
            String trimmed = tag.strip();
            if ((trimmed.equals("*") && version > 0) || trimmed.equals(of(version))) {
                return true;
            }
        }
        return false;
    }
}
