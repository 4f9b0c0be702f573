package dev.chat.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** SVG text must stay text and the SVG must always parse, whatever the result files contain. */
class XmlTextTest {

    @Test
    void escapesMarkupCharacters() {
        assertEquals("&lt;a href=&quot;x&quot;&gt; &amp; &apos;", XmlText.escape("<a href=\"x\"> & '"));
    }

    @Test
    void dropsCharactersXmlCannotCarryButKeepsEmoji() {
        assertEquals("ab\uD83D\uDE00", XmlText.escape("a\u0001b\uD800\uD83D\uDE00"));
    }
}
