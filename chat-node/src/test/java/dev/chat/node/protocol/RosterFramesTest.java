package dev.chat.node.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.node.protocol.RosterFrames.Change;

class RosterFramesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aSnapshotListsPeopleAtItsVersion() throws Exception {
        Map<String, String> people = new LinkedHashMap<>();
        people.put("u-1", "Quiet \"Otter\"");
        people.put("u-2", "<b>Fox</b>");
        JsonNode frame = mapper.readTree(RosterFrames.snapshot("general", 1796350667835001L, people, true));
        assertEquals("roster", frame.get("type").asText());
        assertEquals(true, frame.get("reset").asBoolean());
        assertEquals(1796350667835001L, frame.get("v").asLong());
        assertEquals("Quiet \"Otter\"", frame.get("here").get(0).get("name").asText());
        assertEquals("<b>Fox</b>", frame.get("here").get(1).get("name").asText());
        assertEquals(0, mapper.readTree(RosterFrames.snapshot("r", 0, Map.of(), true)).get("here").size());
    }

    @Test
    void changesSplitIntoHereAndGoneEachWithItsVersion() throws Exception {
        JsonNode frame = mapper.readTree(RosterFrames.changes("r1",
                List.of(new Change("u-1", "Night Owl", 7), new Change("u-2", null, 8), new Change("u-3", "Yak", 8))));
        assertEquals(false, frame.path("reset").asBoolean());
        assertEquals(2, frame.get("here").size());
        assertEquals("u-3", frame.get("here").get(1).get("id").asText());
        assertEquals(7, frame.get("here").get(0).get("v").asLong());
        assertEquals("u-2", frame.get("gone").get(0).get("id").asText());
        assertEquals(8, frame.get("gone").get(0).get("v").asLong());
        assertEquals(false, frame.get("gone").get(0).has("name"));
    }
}
