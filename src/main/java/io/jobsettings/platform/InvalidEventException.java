package io.jobsettings.platform;

/**
 * An event the function cannot act on, whatever the retry: a field is missing or malformed. The message names the
 * field, and nothing has been started when it is thrown.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message, null, false, false);
    }
}
