package dev.chat.node.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.node.identity.User;

class ServerFramesTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void messageIsValidJsonWithTheIdFilledInAndTextEscaped() throws Exception {
        String user = ServerFrames.userJson(new User("u-1", "Quiet \"Otter\""));
        String text = "<img src=x onerror=alert(1)> \\ \n \u0001 😀";
        dev.chat.contract.MessageFrames.Parts parts = dev.chat.contract.MessageFrames.message("general", user, text, 123, "c-1", java.util.List.of("general.abcdefgh"));
        JsonNode frame = mapper.readTree(parts.withId(42));
        assertEquals("message", frame.get("type").asText());
        assertEquals("general", frame.get("room").asText());
        assertEquals("42", frame.get("id").asText());
        assertEquals("Quiet \"Otter\"", frame.get("user").get("name").asText());
        assertEquals(text, frame.get("text").asText());
        assertEquals(123, frame.get("ts").asLong());
        assertEquals("c-1", frame.get("clientId").asText());
        assertEquals("/api/attachments/general.abcdefgh", frame.get("attachments").get(0).get("url").asText());
        assertEquals(false, mapper.readTree(dev.chat.contract.MessageFrames.message("r", user, "x", 1, null, java.util.List.of()).withId(1)).has("clientId"));
    }

    @Test
    void joinedEmbedsHistoryFramesVerbatim() throws Exception {
        JsonNode joined = mapper.readTree(ServerFrames.joined("r", List.of("{\"a\":1}", "{\"b\":2}"), 3, false));
        assertEquals(2, joined.get("history").size());
        assertEquals(1, joined.get("history").get(0).get("a").asInt());
        assertEquals(3, joined.get("users").asInt());
        assertEquals(false, joined.get("recovered").asBoolean());
        assertEquals(0, mapper.readTree(ServerFrames.joined("r", List.of(), 0, true)).get("history").size());
    }

    @Test
    void errorAndPresenceAndWelcomeMatchTheContract() throws Exception {
        JsonNode error = mapper.readTree(ServerFrames.error(ErrorCode.NOT_IN_ROOM, "join \"first\""));
        assertEquals("not_in_room", error.get("code").asText());
        assertEquals("join \"first\"", error.get("message").asText());
        assertEquals(5, mapper.readTree(ServerFrames.presence("general", 5)).get("users").asInt());
        JsonNode welcome = mapper.readTree(ServerFrames.welcome(new User("u", "N"), "node-1", "t"));
        assertEquals("node-1", welcome.get("node").asText());
        assertEquals("u", welcome.get("user").get("id").asText());
    }
}
