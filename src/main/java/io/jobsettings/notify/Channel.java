package io.jobsettings.notify;

import java.util.Locale;
import java.util.Optional;

/** Where a job notification can go. */
public enum Channel {
    WEBHOOK,
    SLACK,
    DATADOG;

    /** The name used in the API, the table and logs. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromId(String id) {
        for (Channel channel : values()) {
            if (channel.id().equals(id)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
