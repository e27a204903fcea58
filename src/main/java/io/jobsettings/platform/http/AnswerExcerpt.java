package io.jobsettings.platform.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import io.jobsettings.platform.TextCut;
import io.jobsettings.platform.json.QuotedValue;

/**
 * The start of what a remote service answered (the job runner, a notification target), fit to be quoted in an
 * error, a log line or a stored record: every secret the caller sent that service is replaced by {@value #REDACTED},
 * runs of white space become one space, other control and invisible characters are shown as {@code ?} by the rule
 * of {@link QuotedValue}, and it is at most {@code maxChars} characters long, never cutting a character in half.
 */
public final class AnswerExcerpt {

    public static final String REDACTED = "****";

    /** A secret's first characters at the very end of an answer read only in part are redacted from this many on. */
    static final int SHORTEST_PARTIAL = 4;

    private AnswerExcerpt() {
    }

    /** The excerpt of {@code answer}; null or blank secrets are ignored. */
    public static String of(String answer, int maxChars, Collection<String> secrets) {
        String text = redacted(answer == null ? "" : answer, secrets);
        String shown = QuotedValue.visible(text.replaceAll("\\s+", " ").strip());
        return TextCut.toLength(shown, maxChars);
    }

    // Limitation: only the secret as sent, percent-encoded or with JSON's escaped slashes is found; an answer that
    // reshapes it otherwise (another case, base64, split by other characters) passes unredacted.
    private static String redacted(String answer, Collection<String> secrets) {
        List<String> forms = secrets.stream().filter(Objects::nonNull).filter(secret -> !secret.isBlank())
                .flatMap(AnswerExcerpt::writtenForms).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        String text = answer;
        for (String form : forms) {
            text = text.replace(form, REDACTED);
        }
        for (String form : forms) {
            text = withoutPartialEnd(text, form);
        }
        return text;
    }

    private static Stream<String> writtenForms(String secret) {
        return Stream.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8), secret.replace("/", "\\/"));
    }

    /** An answer read only up to a limit may end inside a secret: its first characters there are redacted too. */
    private static String withoutPartialEnd(String text, String secret) {
        for (int length = Math.min(secret.length() - 1, text.length()); length >= SHORTEST_PARTIAL; length--) {
            if (text.endsWith(secret.substring(0, length))) {
                return text.substring(0, text.length() - length) + REDACTED;
            }
        }
        return text;
    }
}
