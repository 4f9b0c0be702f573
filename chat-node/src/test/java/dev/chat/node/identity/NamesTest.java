package dev.chat.node.identity;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void acceptsOneToFortyVisibleCharacters() {
        assertNull(Names.validate("A"));
        assertNull(Names.validate("Study group 🙂"));
        assertNull(Names.validate("é".repeat(40)));
        assertNull(Names.validate("😀".repeat(40)), "characters, not UTF-16 units");
    }

    @Test
    void refusesEmptyLongPaddedAndControlCharacters() {
        assertNotNull(Names.validate(null));
        assertNotNull(Names.validate(""));
        assertNotNull(Names.validate(" a"));
        assertNotNull(Names.validate("a".repeat(41)));
        assertNotNull(Names.validate("a\nb"));
        assertNotNull(Names.validate("a\u0000b"));
        assertNotNull(Names.validate("a\u202Eb"), "bidi override");
    }
}
