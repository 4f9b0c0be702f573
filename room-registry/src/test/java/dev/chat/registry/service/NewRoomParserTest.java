package dev.chat.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The creation body's rules, without Quarkus or Redis. */
class NewRoomParserTest {

    private final NewRoomParser parser = new NewRoomParser(new RoomOptions(List.of(60L, 180L), List.of(120L, 300L)), 40);

    private static String body(String nameJson) {
        return "{\"name\":" + nameJson + ",\"clearIntervalSeconds\":180,\"expirySeconds\":300}";
    }

    @Test
    void acceptsAValidBodyAndTrimsTheName() {
        NewRoom room = parser.parse("{\"name\":\" \\t Study group \\n\",\"clearIntervalSeconds\":180,"
                + "\"expirySeconds\":300,\"historyForNewcomers\":false}");
        assertEquals(new NewRoom("Study group", 180, 300, false), room);
    }

    @Test
    void historyForNewcomersDefaultsToTrue() {
        assertEquals(true, parser.parse(body("\"Room\"")).historyForNewcomers());
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        String emoji = "\uD83D\uDE00";
        assertEquals(emoji.repeat(40), parser.parse(body("\"" + emoji.repeat(40) + "\"")).name());
        assertEquals("name", assertThrows(InvalidRequestException.class,
                () -> parser.parse(body("\"" + emoji.repeat(41) + "\""))).field());
    }

    @Test
    void keepsInnerSpacesAndEmoji() {
        assertEquals("a  b \uD83D\uDC68", parser.parse(body("\"a  b \uD83D\uDC68\"")).name());
    }

    @Test
    void lookAlikeNamesShareOneKey() {
        String key = NewRoomParser.nameKey("Study");
        assertEquals(key, NewRoomParser.nameKey("STUDY"));
        assertEquals(key, NewRoomParser.nameKey("\uFF33\uFF54\uFF55\uFF44\uFF59"), "full-width letters");
        assertEquals(NewRoomParser.nameKey("strasse"), NewRoomParser.nameKey("Straße"), "case folding, not lower-casing");
        assertEquals(NewRoomParser.nameKey("file"), NewRoomParser.nameKey("\uFB01le"), "the fi ligature");
        assertEquals(NewRoomParser.nameKey("Caf\u00e9"), NewRoomParser.nameKey("Cafe\u0301"), "composed and decomposed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"a\\u0000b\"",
            "\"a\\u007fb\"",
            "\"a\\u0085b\"",
            "\"a\\u2028b\"",
            "\"a\\ud800b\"",
            "\"tab\\tinside\"",
            "\"evil\\u202egnp\"",
            "\"iso\\u2066late\"",
            "\"zero\\u200bwidth\"",
            "\"join\\u200der\"" })
    void refusesControlCharactersInsideTheName(String nameJson) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parser.parse(body(nameJson)));
        assertEquals("name", e.field());
        assertEquals("name must not contain control, format or bidi characters", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "''|NULL",
            "'   '|NULL",
            "'{\"name\":\"a\"'|NULL",
            "'[]'|NULL",
            "'true'|NULL",
            "'{\"name\":\"a\",\"name\":\"b\",\"clearIntervalSeconds\":180,\"expirySeconds\":300}'|NULL",
            "'{\"name\":\"a\",\"clearIntervalSeconds\":180,\"expirySeconds\":300} 1'|NULL",
            "'{\"name\":\"a\",\"clearIntervalSeconds\":180,\"expirySeconds\":300,\"owner\":\"me\"}'|owner",
            "'{\"clearIntervalSeconds\":180,\"expirySeconds\":300}'|name",
            "'{\"name\":[\"a\"],\"clearIntervalSeconds\":180,\"expirySeconds\":300}'|name",
            "'{\"name\":\"a\",\"clearIntervalSeconds\":\"180\",\"expirySeconds\":300}'|clearIntervalSeconds",
            "'{\"name\":\"a\",\"clearIntervalSeconds\":180.0,\"expirySeconds\":300}'|clearIntervalSeconds",
            "'{\"name\":\"a\",\"clearIntervalSeconds\":120,\"expirySeconds\":300}'|clearIntervalSeconds",
            "'{\"name\":\"a\",\"clearIntervalSeconds\":-180,\"expirySeconds\":300}'|clearIntervalSeconds",
            "'{\"name\":\"a\",\"clearIntervalSeconds\":180,\"expirySeconds\":null}'|expirySeconds",
            "'{\"name\":\"a\",\"clearIntervalSeconds\":180,\"expirySeconds\":99999999999999999999}'|expirySeconds",
            "'{\"name\":\"a\",\"clearIntervalSeconds\":180,\"expirySeconds\":300,\"historyForNewcomers\":\"true\"}'|historyForNewcomers" })
    void refusesWithTheFieldToBlame(String body, String field) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parser.parse(body));
        if (field == null) {
            assertNull(e.field(), e.getMessage());
        } else {
            assertEquals(field, e.field(), e.getMessage());
        }
    }

    @Test
    void nameKeyIgnoresCase() {
        assertEquals(NewRoomParser.nameKey("Study HALL"), NewRoomParser.nameKey("study hall"));
    }
}
