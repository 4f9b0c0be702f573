package dev.chat.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Result files may miss fields or hold odd types: reads must answer "absent", never fail. */
class JsonFieldsTest {

    private final JsonNode root = read("""
            {"a":{"n":12.5,"text":"7","bad":"fast","nul":null,"obj":{}},"flag":true,"list":[{"x":1},2,null]}
            """);

    @Test
    void numbersAreReadLeniently() {
        assertEquals(12.5, JsonFields.number(root, "a", "n"));
        assertEquals(7.0, JsonFields.number(root, "a", "text"));
        assertNull(JsonFields.number(root, "a", "bad"));
        assertNull(JsonFields.number(root, "a", "nul"));
        assertNull(JsonFields.number(root, "a", "obj"));
        assertNull(JsonFields.number(root, "missing", "deeper", "still"));
    }

    @Test
    void missingAndNullAreTheSame() {
        assertTrue(JsonFields.at(root, "a", "nul").isMissingNode());
        assertNull(JsonFields.text(root, "a", "nul"));
        assertFalse(JsonFields.isTrue(root, "a", "nul"));
        assertTrue(JsonFields.isTrue(root, "flag"));
    }

    @Test
    void arraysKeepOnlyObjects() {
        assertEquals(1, JsonFields.objects(root, "list").size());
        assertEquals(0, JsonFields.objects(root, "a").size());
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
