package io.jobsettings.platform.http;

import java.util.List;

/**
 * Ends a request with an RFC 9457 problem answer. Thrown from anywhere below a handler; the handler turns it into
 * the response, so the code that finds a problem does not need to know how it is written.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).pointer() + ": " + errors.get(0).message()
                : errors.size() + " members of the body are invalid";
        return new ProblemException(400, "Invalid settings", detail, errors);
    }

    public static ProblemException invalid(String pointer, String message) {
        return invalid(List.of(new FieldError(pointer, message)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }
}
