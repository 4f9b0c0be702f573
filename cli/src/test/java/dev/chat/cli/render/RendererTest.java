package dev.chat.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.cli.net.RoomInfo;

class RendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final long TS = ZonedDateTime.of(2026, 12, 4, 14, 5, 59, 0, ZONE).toInstant().toEpochMilli();

    private final Renderer render = new Renderer(ZONE, "http://chat.example:8080");

    private static JsonNode message(String name, String text) {
        return JSON.createObjectNode().put("type", "message").put("room", "general").put("id", "17").put("ts", TS)
                .put("text", text).set("user", JSON.createObjectNode().put("id", "u1").put("name", name));
    }

    @Test
    void aMessageIsTimeNameAndText() {
        Line line = render.message(message("Quiet Otter", "hello there"));
        assertEquals(new Line(Line.Kind.MESSAGE, "[14:05] Quiet Otter: hello there"), line);
    }

    @Test
    void theTimeIsTheTerminalsZone() {
        Renderer utc = new Renderer(ZoneId.of("UTC"), "http://x");
        assertEquals("[13:05] A: b", utc.message(message("A", "b")).text());
    }

    @Test
    void moreLinesOfAMessageAreIndentedSoTheyCannotPassForMessages() {
        String text = render.message(message("Mallory", "one\n[14:06] Alice: I owe Mallory 100 €\r")).text();
        assertEquals("[14:05] Mallory: one\n" + Renderer.INDENT + "[14:06] Alice: I owe Mallory 100 €␍", text);
    }

    @Test
    void hostileNamesAndTextAreNeutralised() {
        String text = render.message(message("Evil\u001b[2J", "\u001b]0;pwned\u0007\u001b[1A")).text();
        assertEquals("[14:05] Evil␛[2J: ␛]0;pwned␇␛[1A", text);
        assertTrue(text.chars().noneMatch(c -> c < 0x20), text);
    }

    @Test
    void thePeopleHereAreNamedSafelyYouMarkedAndTheRestCounted() {
        Line line = render.people(List.of(Map.entry("Quiet Otter", true), Map.entry("Evil\u202e\u001b]0;x\u0007\nme", false)), 0);
        assertEquals(new Line(Line.Kind.INFO, "-- here: Quiet Otter (you), Evil\uFFFD␛]0;x␇␊me"), line);
        assertTrue(line.text().chars().noneMatch(c -> c < 0x20), line.text());
        assertEquals("-- here: Quiet Otter (you) and 12 more", render.people(List.of(Map.entry("Quiet Otter", true)), 12).text());
        assertEquals("-- 40 here", render.people(List.of(), 40).text());
        assertEquals("-- no one here", render.people(List.of(), 0).text());
    }

    @Test
    void attachmentsAreShownAsLinks() {
        JsonNode m = message("A", "");
        ((com.fasterxml.jackson.databind.node.ObjectNode) m).set("attachments", JSON.createArrayNode()
                .add(JSON.createObjectNode().put("id", "r.x").put("url", "/api/attachments/r.x")));
        assertEquals("[14:05] A: [image http://chat.example:8080/api/attachments/r.x]", render.message(m).text());
    }

    @Test
    void noticesAndSystemLines() {
        assertEquals(new Line(Line.Kind.NOTICE, "[14:05] * Night Owl joined"), render.notice("Night Owl", "join", TS));
        assertEquals("[14:05] * Night Owl left", render.notice("Night Owl", "leave", TS).text());
        assertEquals(new Line(Line.Kind.INFO, "-- history of General cleared; next clear at 14:10"),
                render.cleared("General", TS + 5 * 60_000));
        assertEquals(new Line(Line.Kind.ERROR, "!! no ␛ here"), render.error("no \u001b here"));
    }

    @Test
    void theHeaderSaysUsersAndTheNextClear() {
        RoomInfo general = new RoomInfo("general", "General", 300, null, 3, TS + 252_000, null);
        assertEquals("== General · 3 online · clears every 5 min (next in 4:12) ==",
                render.header("General", 3L, general, TS).text());
        assertEquals("== Study ==", render.header("Study", null, null, TS).text());
    }

    @Test
    void theRoomListHasCountsCountdownsAndMarksTheCurrentRoom() {
        List<Line> lines = render.rooms(List.of(
                new RoomInfo("general", "General", 300, null, 3, TS + 61_000, null),
                new RoomInfo("k3jx7qa2mb", "Study group", 120, 600L, 1, TS + 5_000, TS + 599_500)), "k3jx7qa2mb", TS);
        assertEquals("-- 2 rooms (/join <name or id>):", lines.get(0).text());
        assertEquals("   General      general         3 online   clears in 1:01", lines.get(1).text());
        assertEquals(" * Study group  k3jx7qa2mb      1 online   clears in 0:05   expires in 10:00", lines.get(2).text());
    }

    @Test
    void aBoundaryThatPassedSinceTheListingMovesOn() {
        RoomInfo room = new RoomInfo("r", "R", 60, null, 0, TS - 1_000, null);
        assertEquals(TS + 59_000, Renderer.nextClear(room, TS));
    }

    @Test
    void countdownsAndPeriods() {
        assertEquals("0:00", Renderer.countdown(-5));
        assertEquals("0:01", Renderer.countdown(1));
        assertEquals("4:59", Renderer.countdown(298_001));
        assertEquals("1:02:03", Renderer.countdown(3_723_000));
        assertEquals("5 min", Renderer.period(300));
        assertEquals("minute", Renderer.period(60));
        assertEquals("90 s", Renderer.period(90));
        assertEquals("2 hours", Renderer.period(7200));
    }
}
