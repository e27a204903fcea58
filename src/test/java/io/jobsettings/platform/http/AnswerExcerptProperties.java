package io.jobsettings.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * However an answer carries a secret (anywhere, any number of times, read only in part) and wherever it is cut, no
 * four characters of the secret in a row are left in the excerpt. Answers are lower case and secrets upper case, so
 * only the secret itself could put its characters there.
 */
class AnswerExcerptProperties {

    @Property(tries = 500)
    void noFourCharactersOfASecretSurvive(@ForAll("secrets") String secret, @ForAll("answers") String before,
            @ForAll("answers") String after, @ForAll @IntRange(min = 0, max = 3) int copies,
            @ForAll @IntRange(min = 0, max = 600) int readLimit, @ForAll @IntRange(min = 1, max = 400) int maxChars) {
        String whole = before + (secret + " ").repeat(copies) + secret + after;
        String read = whole.substring(0, Math.min(readLimit, whole.length()));

        String excerpt = AnswerExcerpt.of(read, maxChars, List.of(secret));

        assertThat(excerpt.length()).isLessThanOrEqualTo(maxChars);
        for (int i = 0; i + 4 <= secret.length(); i++) {
            assertThat(excerpt).as(read).doesNotContain(secret.substring(i, i + 4));
        }
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings().withCharRange('A', 'Z').numeric().withChars('_', '/', '+', '=')
                .ofMinLength(8).ofMaxLength(80);
    }

    @Provide
    Arbitrary<String> answers() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '\n', '{', '"', ':', '\u200b', '\u202e')
                .ofMaxLength(300);
    }
}
