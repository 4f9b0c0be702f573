package dev.chat.registry.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The query of {@code GET /api/rooms/{id}/messages}: what is accepted, and a 400 naming the parameter for the rest. */
class HistoryQueryParserTest {

    private final HistoryQueryParser parser = new HistoryQueryParser(50, 100);

    @Test
    void absentParametersMeanTheNewestDefaultPage() {
        assertEquals(new HistoryQuery(null, 50), parser.parse(null, null));
    }

    @Test
    void acceptsIdsUpToALongAndLimitsUpToTheMaximum() {
        assertEquals(new HistoryQuery(1L, 1), parser.parse("1", "1"));
        assertEquals(new HistoryQuery(1_763_900_000_000_001L, 100), parser.parse("1763900000000001", "100"));
        assertEquals(new HistoryQuery(Long.MAX_VALUE, 7), parser.parse("9223372036854775807", "7"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "0", "-3", "+5", "abc", "12-0", "1e5", "1.0", " 5", "007", "9223372036854775808",
            "99999999999999999999", "१२" })
    void refusesABeforeThatIsNotAMessageId(String before) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parser.parse(before, null));
        assertEquals("before", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "0", "101", "-1", "1.5", "ten", "050", "99999999999", "1 " })
    void refusesALimitOutsideOneToTheMaximum(String limit) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parser.parse(null, limit));
        assertEquals("limit", e.field());
        assertEquals("limit must be a whole number from 1 to 100", e.getMessage());
    }

    @Test
    void theSettingsMustMakeSense() {
        assertThrows(IllegalArgumentException.class, () -> new HistoryQueryParser(101, 100));
        assertThrows(IllegalArgumentException.class, () -> new HistoryQueryParser(0, 100));
    }
}
