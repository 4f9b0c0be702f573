package dev.chat.bench.report;

/**
 * Escapes text that comes from result files (scenario names, warnings, process names) before it
 * goes into markdown: a "|" would split a table cell, and "<" or "&" would be read as HTML by
 * the renderer.
 */
final class MarkdownText {

    private MarkdownText() {
    }

    static String escape(String text) {
        if (text == null) {
            return NumberFormats.MISSING;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '|' -> out.append("\\|");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '`' -> out.append("\\`");
                case '\\' -> out.append("\\\\");
                case '\r', '\n', '\t' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
