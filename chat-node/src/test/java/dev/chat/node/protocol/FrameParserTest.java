package dev.chat.node.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

class FrameParserTest {

    private final FrameParser parser = new FrameParser(new ObjectMapper(), 10, 8);

    @Test
    void parsesJoinAndSend() {
        assertEquals(new ClientFrame.Join("general", null), parser.parse("{\"type\":\"join\",\"room\":\"general\"}"));
        assertEquals(new ClientFrame.Join("r-1", 42L),
                parser.parse("{\"type\":\"join\",\"room\":\"r-1\",\"since\":\"42\"}"));
        assertEquals(new ClientFrame.Send("hi", "c1", java.util.List.of()), parser.parse("{\"type\":\"send\",\"text\":\"hi\",\"clientId\":\"c1\"}"));
        assertEquals(new ClientFrame.Send("hi", null, java.util.List.of()), parser.parse("{\"type\":\"send\",\"text\":\"hi\"}"));
    }

    @Test
    void parsesTypingWhichCarriesNothingElse() {
        assertEquals(new ClientFrame.Typing(), parser.parse("{\"type\":\"typing\"}"));
        assertEquals(new ClientFrame.Typing(), parser.parse("{\"type\":\"typing\",\"room\":\"ignored\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "nope", "[]", "42", "null", "{", "{\"type\":1}", "{\"type\":\"dance\"}",
            "{\"room\":\"general\"}", "{\"type\":\"join\"}", "{\"type\":\"join\",\"room\":5}",
            "{\"type\":\"join\",\"room\":\"general\",\"since\":\"x\"}",
            "{\"type\":\"join\",\"room\":\"general\",\"since\":\"-3\"}",
            "{\"type\":\"join\",\"room\":\"general\",\"since\":7}", "{\"type\":\"send\"}",
            "{\"type\":\"send\",\"text\":[\"a\"]}", "{\"type\":\"send\",\"text\":\"a\",\"clientId\":{}}" })
    void refusesMalformedFramesAsBadRequest(String frame) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> parser.parse(frame));
        assertEquals(ErrorCode.BAD_REQUEST, e.code(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "a\\u0001b", "\\u0000", "x\\r\\ny", "\\u001b[31m", "\\u007f", "\\u0085" })
    void refusesControlCharactersInTextOtherThanNewlineAndTab(String text) {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> parser.parse("{\"type\":\"send\",\"text\":\"" + text + "\"}"));
        assertEquals(ErrorCode.BAD_REQUEST, e.code(), e.getMessage());
        assertEquals(new ClientFrame.Send("a\n\tb", null, java.util.List.of()),
                parser.parse("{\"type\":\"send\",\"text\":\"a\\n\\tb\"}"));
    }

    @Test
    void namesTheLimitThatWasBroken() {
        assertEquals(ErrorCode.TOO_LONG,
                assertThrows(ProtocolException.class, () -> parser.parse("{\"type\":\"send\",\"text\":\"12345678901\"}")).code());
        assertEquals(ErrorCode.TOO_LONG, assertThrows(ProtocolException.class,
                () -> parser.parse("{\"type\":\"send\",\"text\":\"a\",\"clientId\":\"123456789\"}")).code());
        assertEquals(ErrorCode.EMPTY,
                assertThrows(ProtocolException.class, () -> parser.parse("{\"type\":\"send\",\"text\":\"  \"}")).code());
        assertEquals(ErrorCode.NO_SUCH_ROOM,
                assertThrows(ProtocolException.class, () -> parser.parse("{\"type\":\"join\",\"room\":\"Bad Room\"}")).code());
    }

    @Test
    void attachmentsAreIdsOfTheFormRoomDotRandomAndMayStandWithoutText() {
        assertEquals(new ClientFrame.Send("", null, java.util.List.of("r1.abcdefgh12")),
                parser.parse("{\"type\":\"send\",\"text\":\"\",\"attachments\":[\"r1.abcdefgh12\",\"r1.abcdefgh12\"]}"));
        assertEquals(ErrorCode.BAD_ATTACHMENT, assertThrows(ProtocolException.class,
                () -> parser.parse("{\"type\":\"send\",\"text\":\"x\",\"attachments\":[\"../etc\"]}")).code());
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(ProtocolException.class,
                () -> parser.parse("{\"type\":\"send\",\"text\":\"x\",\"attachments\":\"r1.abcdefgh12\"}")).code());
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String tenEmoji = "😀".repeat(10);
        assertEquals(new ClientFrame.Send(tenEmoji, null, java.util.List.of()), parser.parse("{\"type\":\"send\",\"text\":\"" + tenEmoji + "\"}"));
    }
}
