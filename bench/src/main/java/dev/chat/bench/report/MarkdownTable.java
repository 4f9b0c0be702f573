package dev.chat.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A GitHub-flavoured markdown table. Cells are taken as already-formatted markdown (callers
 * escape text from result files with {@link MarkdownText}); the first column is left-aligned and
 * the others right-aligned, because they are figures, except those marked as text.
 */
final class MarkdownTable {

    private final List<String> headers;
    private final boolean[] textColumns;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(List<String> headers) {
        this.headers = List.copyOf(headers);
        this.textColumns = new boolean[headers.size()];
        textColumns[0] = true;
    }

    MarkdownTable(String... headers) {
        this(Arrays.asList(headers));
    }

    /** Left-aligns the column with this header (notes, names). */
    MarkdownTable textColumn(String header) {
        int index = headers.indexOf(header);
        if (index >= 0) {
            textColumns[index] = true;
        }
        return this;
    }

    MarkdownTable row(List<String> cells) {
        List<String> row = new ArrayList<>(cells);
        // a short row is padded rather than rejected: a missing figure is shown as missing
        while (row.size() < headers.size()) {
            row.add(NumberFormats.MISSING);
        }
        rows.add(row.subList(0, headers.size()));
        return this;
    }

    MarkdownTable row(String... cells) {
        return row(Arrays.asList(cells));
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        StringBuilder out = new StringBuilder();
        line(out, headers);
        out.append('|');
        for (boolean text : textColumns) {
            out.append(text ? " --- |" : " ---: |");
        }
        out.append('\n');
        for (List<String> row : rows) {
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell == null || cell.isEmpty() ? " " : cell).append(" |");
        }
        out.append('\n');
    }
}
