package dev.chat.cli.render;

/**
 * Makes text that others wrote safe to print on a terminal. A chat message is data, but a
 * terminal obeys control characters: an ESC sequence in a message could recolour the screen,
 * move the cursor to forge lines, set the window title or worse. So every control character
 * (C0, DEL, C1), and the invisible characters that reorder or hide text (bidirectional overrides
 * and isolates, line and paragraph separators), is shown as a visible stand-in instead; nothing
 * of the sender's reaches the terminal as a command.
 */
public final class TerminalText {

    /** Shown in place of DEL and the C1 controls (U+0080–U+009F), which have no picture of their own. */
    static final char REPLACEMENT = '\uFFFD';

    private TerminalText() {
    }

    /** One line: a line break becomes {@code ␊}, so a message can never start a line of its own. */
    public static String line(String text) {
        return clean(text, false);
    }

    /**
     * Like {@link #line}, but line feeds are kept as they are so the caller can indent what follows
     * them; every other control is replaced.
     */
    public static String keepingLineFeeds(String text) {
        return clean(text, true);
    }

    private static String clean(String text, boolean keepLineFeeds) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c, keepLineFeeds);
            if (replacement == null) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            out.append(replacement);
        }
        return out == null ? text : out.toString();
    }

    /** Null when {@code c} may be printed as it is. */
    private static String replacement(char c, boolean keepLineFeeds) {
        if (c == '\n' && keepLineFeeds) {
            return null;
        }
        if (c == '\t') {
            return " ";
        }
        if (c < 0x20) {
            return String.valueOf((char) (0x2400 + c)); // Control Pictures: ␛ for ESC, ␍ for CR
        }
        if (c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
            return String.valueOf(REPLACEMENT);
        }
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                || c == 0x061C || c == 0x2028 || c == 0x2029) {
            return String.valueOf(REPLACEMENT);
        }
        return null;
    }
}
