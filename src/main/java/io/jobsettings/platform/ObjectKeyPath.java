package io.jobsettings.platform;

import java.util.Optional;

/**
 * The rule for S3 keys and key prefixes the function set reads or writes: an empty, {@code .} or {@code ..} segment,
 * or a backslash, would put an object outside its folder for any reader that resolves paths.
 */
public final class ObjectKeyPath {

    private ObjectKeyPath() {
    }

    /** What is wrong with {@code key}, if anything, worded to follow the key's name in a sentence. */
    public static Optional<String> problemWith(String key) {
        if (key.indexOf('\\') >= 0) {
            return Optional.of("holds a backslash");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("has an empty, '.' or '..' path segment");
            }
        }
        return Optional.empty();
    }
}
