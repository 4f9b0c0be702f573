package dev.chat.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Table layout and escaping: a value from a result file must never break a table row or inject HTML. */
class MarkdownTableTest {

    @Test
    void rendersHeaderAlignmentAndRows() {
        String table = new MarkdownTable("scenario", "p99 ms", "notes").textColumn("notes")
                .row("c300", "12.0", "ok")
                .render();
        assertEquals("| scenario | p99 ms | notes |\n| --- | ---: | --- |\n| c300 | 12.0 | ok |\n", table);
    }

    @Test
    void shortRowsArePaddedWithDashes() {
        String table = new MarkdownTable("a", "b", "c").row("x").render();
        assertEquals("| x | – | – |", table.lines().skip(2).findFirst().orElseThrow());
    }

    @Test
    void textFromResultFilesCannotBreakTheTableOrInjectHtml() {
        assertEquals("a\\|b &lt;i&gt; &amp; c d", MarkdownText.escape("a|b <i> & c\nd"));
        assertEquals("–", MarkdownText.escape(null));
    }
}
