package io.jobsettings.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerExcerptTest {

    private static final String KEY = "test-jobs-api-key-0001";
    private static final String SLACK_URL = "https://hooks.slack.com/services/T0AB/B0CD/Zx9QwErTy7k";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            as sent           | {"error": "bad key test-jobs-api-key-0001"}
            percent-encoded   | bad key https%3A%2F%2Fhooks.slack.com%2Fservices%2FT0AB%2FB0CD%2FZx9QwErTy7k
            escaped slashes   | {"url": "https:\\/\\/hooks.slack.com\\/services\\/T0AB\\/B0CD\\/Zx9QwErTy7k"}
            the token alone   | unknown token Zx9QwErTy7k
            twice             | test-jobs-api-key-0001 test-jobs-api-key-0001
            """)
    void secretsAreReplacedHoweverTheAnswerWritesThem(String how, String answer) {
        String excerpt = AnswerExcerpt.of(answer, 300, List.of(KEY, SLACK_URL, "Zx9QwErTy7k"));

        assertThat(excerpt).as(how).contains("****").doesNotContain(KEY, "Zx9Q", "qwErTy");
    }

    @Test
    void answerCutInsideASecretLosesTheSecretsFirstCharactersToo() {
        String readUpToALimit = "denied for " + KEY.substring(0, 9);

        assertThat(AnswerExcerpt.of(readUpToALimit, 300, List.of(KEY))).isEqualTo("denied for ****");
    }

    @Test
    void secretStraddlingTheExcerptsEndIsRedactedBeforeTheCut() {
        String answer = "x".repeat(290) + KEY;

        String excerpt = AnswerExcerpt.of(answer, 300, List.of(KEY));

        assertThat(excerpt).hasSizeLessThanOrEqualTo(300).doesNotContain("test-jobs");
    }

    @Test
    void invisibleAndControlCharactersShowAsQuestionMarksAndWhiteSpaceAsOneSpace() {
        String answer = "ok\u202egnp.exe\u200b \u2066x\u2069\u0000\r\n\t  done\u3164\ufe0f";

        assertThat(AnswerExcerpt.of(answer, 300, List.of())).isEqualTo("ok?gnp.exe? ?x?? done??");
    }

    @Test
    void cutKeepsWholeCharactersAndMarksTheCutWithinTheLength() {
        String answer = "a".repeat(9) + "\uD83D\uDE00" + "tail";

        String excerpt = AnswerExcerpt.of(answer, 11, List.of());

        assertThat(excerpt).isEqualTo("a".repeat(9) + "…");
        assertThat(AnswerExcerpt.of(excerpt, 11, List.of())).isEqualTo(excerpt);
    }

    @Test
    void missingAnswerAndBlankSecretsAreFine() {
        assertThat(AnswerExcerpt.of(null, 300, List.of())).isEmpty();
        assertThat(AnswerExcerpt.of("fine", 300, java.util.Arrays.asList(null, "", " "))).isEqualTo("fine");
    }
}
