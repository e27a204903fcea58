package io.jobsettings.platform.json;

/**
 * A value from an incoming event, made fit to appear in a refusal reason and its log line: quoted, at most
 * {@value #MAX_CHARS} characters, with control and invisible characters (line breaks, NUL, direction overrides,
 * zero-width spaces, variation selectors, blank fillers, halves of a character) shown as {@code ?}, so it can
 * neither flood nor forge a log line.
 */
public final class QuotedValue {

    static final int MAX_CHARS = 64;
    static final int UNKNOWN_NAME_CHARS = 24;
    /**
     * Characters that draw nothing although Unicode files them as letters or symbols: the Hangul fillers, the
     * Mongolian vowel separator and the blank Braille pattern. Marks that draw nothing on their own (variation
     * selectors, the combining grapheme joiner) are caught by their category.
     */
    private static final String BLANK_LETTERS = "\u115f\u1160\u180e\u2800\u3164\uffa0";

    private QuotedValue() {
    }

    public static String of(String value) {
        return of(value, MAX_CHARS);
    }

    /** As {@link #of(String)}, cut to {@code maxChars}: for names that may be anything, a secret included. */
    public static String of(String value, int maxChars) {
        return "'" + bare(value, maxChars) + "'";
    }

    /** As {@link #of(String, int)}, without the quotes: for a value that sits inside something else. */
    public static String bare(String value, int maxChars) {
        String cut = value.length() <= maxChars ? value : value.substring(0, maxChars) + "…";
        return visible(cut);
    }

    /** {@code value} with each control or invisible character, and each half of a character, shown as {@code ?}. */
    public static String visible(String value) {
        StringBuilder shown = new StringBuilder(value.length());
        value.codePoints().forEach(point -> shown.appendCodePoint(isPlain(point) ? point : '?'));
        return shown.toString();
    }

    /**
     * The name of a member a reader does not know, as it appears in a pointer or a log line: cut to
     * {@value #UNKNOWN_NAME_CHARS} characters: the longest known name has 22, so a misspelt one still reads whole.
     */
    public static String unknownMemberName(String name) {
        return bare(name, UNKNOWN_NAME_CHARS);
    }

    /** True when {@code value} holds no half of a character: every UTF-16 surrogate is in a pair. */
    public static boolean isWellFormed(String value) {
        return value.codePoints().noneMatch(point -> Character.getType(point) == Character.SURROGATE);
    }

    /** True when {@code value} holds no control or invisible character and no half of a character. */
    public static boolean isPlain(String value) {
        return value.codePoints().allMatch(QuotedValue::isPlain);
    }

    private static boolean isPlain(int point) {
        if (BLANK_LETTERS.indexOf(point) >= 0) {
            return false;
        }
        return switch (Character.getType(point)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK -> false;
            default -> true;
        };
    }
}
