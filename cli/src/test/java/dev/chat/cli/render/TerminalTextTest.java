package dev.chat.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Nothing another user writes may reach the terminal as a control sequence. */
class TerminalTextTest {

    @Test
    void plainTextIsLeftAlone() {
        String text = "Grüße 😀 — ok, «quoted» 👩‍💻 (ZWJ kept)";
        assertSame(text, TerminalText.line(text));
    }

    @Test
    void escapeSequencesArePrintedAsVisibleCharacters() {
        assertEquals("␛[2J␛[31mred␛]0;title␇", TerminalText.line("\u001b[2J\u001b[31mred\u001b]0;title\u0007"));
        assertEquals("a\uFFFD31mb", TerminalText.line("a\u009b31mb"), "C1 CSI");
        assertEquals("del\uFFFD", TerminalText.line("del\u007f"));
        assertEquals("back␈space and ␍return", TerminalText.line("back\bspace and \rreturn"));
        assertEquals("tab here", TerminalText.line("tab\there"));
    }

    @Test
    void invisibleReorderingCharactersAreShownToo() {
        assertEquals("abc\uFFFDtxt.exe", TerminalText.line("abc\u202etxt.exe"));
        assertEquals("\uFFFDx\uFFFD", TerminalText.line("\u2066x\u2069"));
        assertEquals("one\uFFFDtwo", TerminalText.line("one\u2028two"));
    }

    @Test
    void lineFeedsAreVisibleInALineAndKeptOnlyWhenAsked() {
        assertEquals("one␊two", TerminalText.line("one\ntwo"));
        assertEquals("one\ntwo␍", TerminalText.keepingLineFeeds("one\ntwo\r"));
    }

    @Test
    void nothingBelowSpaceSurvivesExceptAKeptLineFeed() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        all.append('\u007f');
        for (char c = 0x80; c <= 0x9f; c++) {
            all.append(c);
        }
        String cleaned = TerminalText.keepingLineFeeds(all.toString());
        assertTrue(cleaned.chars().allMatch(c -> c == '\n' || c == ' ' || c >= 0xA0), cleaned);
        assertEquals("", TerminalText.line(null));
    }
}
