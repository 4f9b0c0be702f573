package dev.chat.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bot endpoint's body rules (those of the chat node's {@code send}) and its key check. */
class MessageTextParserTest {

    private final MessageTextParser parser = new MessageTextParser(5);

    @Test
    void acceptsTextUpToTheLimitInCodePointsAsSent() {
        assertEquals(" hi ", parser.parse("{\"text\":\" hi \"}"));
        assertEquals("a\n\tb", parser.parse("{\"text\":\"a\\n\\tb\"}"));
        // five emoji are ten UTF-16 chars, but five characters
        assertEquals("😀😀😀😀😀", parser.parse("{\"text\":\"😀😀😀😀😀\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{}", "{\"text\":null}", "{\"text\":\"\"}", "{\"text\":\" \\n\\t \"}", "{\"text\":5}",
            "{\"text\":[\"a\"]}", "{\"text\":\"123456\"}", "{\"text\":\"😀😀😀😀😀😀\"}",
            "{\"text\":\"a\\u0001\"}", "{\"text\":\"\\r\"}", "{\"text\":\"\\u009b\"}" })
    void refusesBadTextNamingTheField(String body) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parser.parse(body));
        assertEquals("text", e.field());
    }

    @Test
    void refusesUnknownFieldsNamingThem() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> parser.parse("{\"text\":\"hi\",\"user\":\"admin\"}"));
        assertEquals("user", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "text", "[\"hi\"]", "\"hi\"", "{\"text\":\"a\",\"text\":\"b\"}", "{\"text\":\"a\"} {}" })
    void refusesBodiesThatAreNotOneJsonObject(String body) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parser.parse(body));
        assertNull(e.field());
    }

    @Test
    void theApiKeyMatchesOnlyItselfAndIsOffWhenUnset() {
        ApiKey key = new ApiKey(Optional.of("s3cret"));
        assertTrue(key.enabled());
        assertTrue(key.matches("s3cret"));
        assertFalse(key.matches("s3cret "));
        assertFalse(key.matches("S3CRET"));
        assertFalse(key.matches(""));
        assertFalse(key.matches(null));

        for (ApiKey off : new ApiKey[] { new ApiKey(Optional.empty()), new ApiKey(Optional.of("")) }) {
            assertFalse(off.enabled());
            assertFalse(off.matches(""));
            assertFalse(off.matches(null));
        }
    }
}
