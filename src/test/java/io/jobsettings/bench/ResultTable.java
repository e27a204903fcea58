package io.jobsettings.bench;

import java.util.ArrayList;
import java.util.List;

/** The table the benchmark command prints, and the same table as Markdown for the README. */
final class ResultTable {

    private static final int NOTE_WIDTH = 118;
    private static final String[] HEADERS = {"figure", "value", "baseline", "ratio", "goal", "verdict"};

    private final List<Figure> figures = new ArrayList<>();

    void add(Figure figure) {
        figures.add(figure);
    }

    void addAll(List<Figure> more) {
        figures.addAll(more);
    }

    String plain() {
        List<String[]> rows = rows();
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            text.append(line(rows.get(i), widths)).append('\n');
            if (i == 0) {
                text.append("-".repeat(lineLength(widths))).append('\n');
            }
        }
        return text.append(notes()).toString();
    }

    String markdown() {
        StringBuilder text = new StringBuilder();
        List<String[]> rows = rows();
        for (int i = 0; i < rows.size(); i++) {
            text.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                text.append("|---".repeat(HEADERS.length)).append("|\n");
            }
        }
        return text.append('\n').append(notes()).toString();
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (Figure figure : figures) {
            rows.add(new String[] {figure.name(), figure.value(), figure.baseline(), figure.ratioText(),
                figure.goal().text(), figure.verdict()});
        }
        return rows;
    }

    private String notes() {
        StringBuilder notes = new StringBuilder();
        for (Figure figure : figures) {
            if (!figure.note().isEmpty()) {
                notes.append(wrapped("- " + figure.name() + ": " + figure.note()));
            }
        }
        return notes.toString();
    }

    /** A note in lines of at most 118 characters, continued with an indent, as the README's lines are. */
    private static String wrapped(String note) {
        StringBuilder text = new StringBuilder();
        String indent = "";
        StringBuilder line = new StringBuilder();
        for (String word : note.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > NOTE_WIDTH) {
                text.append(line).append('\n');
                indent = "  ";
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        return text.append(line).append('\n').toString();
    }

    private static String line(String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < row.length; column++) {
            line.append(String.format("%-" + widths[column] + "s", row[column]));
            if (column < row.length - 1) {
                line.append(" | ");
            }
        }
        return line.toString().stripTrailing();
    }

    private static int lineLength(int[] widths) {
        int length = 3 * (widths.length - 1);
        for (int width : widths) {
            length += width;
        }
        return length;
    }
}
