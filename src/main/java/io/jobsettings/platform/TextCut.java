package io.jobsettings.platform;

/** Shortens text to a length limit, marking the cut and never splitting a character in two. */
public final class TextCut {

    public static final String MARK = "…";

    private TextCut() {
    }

    /** {@code text} itself when it fits in {@code max} chars, else its start and the cut mark, {@code max} in all. */
    public static String toLength(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - MARK.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(end, 0)) + MARK;
    }
}
