package dev.chat.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The few fields of a server frame (docs/protocol.md) the generator reads, taken with Jackson's
 * streaming parser so field order never matters and no tree is built per delivery.
 *
 * @param type the frame's type ({@code welcome}, {@code joined}, {@code message}, {@code error}, ...)
 * @param id a message's id, null for other frames
 * @param text a message's text
 * @param node the node id of a {@code welcome}
 * @param token the identity token of a {@code welcome}
 * @param code an error's code
 * @param history the messages of a {@code joined}, oldest first (empty otherwise)
 * @param recovered a {@code joined}'s {@code recovered} flag
 * @param retryAfterMs an error's {@code retryAfterMs}, -1 when it has none
 */
public record ServerFrame(String type, String id, String text, String node, String token, String code,
        List<ServerFrame> history, boolean recovered, long retryAfterMs) {

    private static final JsonFactory JSON = new JsonFactory();

    public static ServerFrame parse(String frame) {
        try (JsonParser parser = JSON.createParser(frame)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object: " + abbreviate(frame));
            }
            return object(parser);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + abbreviate(frame), e);
        }
    }

    /** Reads the object whose START_OBJECT was just read. */
    private static ServerFrame object(JsonParser parser) throws IOException {
        String type = null, id = null, text = null, node = null, token = null, code = null;
        List<ServerFrame> history = List.of();
        boolean recovered = true;
        long retryAfterMs = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "type" -> type = parser.getText();
                case "id" -> id = value == JsonToken.VALUE_STRING ? parser.getText() : skip(parser);
                case "text" -> text = parser.getText();
                case "node" -> node = parser.getText();
                case "token" -> token = parser.getText();
                case "code" -> code = parser.getText();
                case "recovered" -> recovered = value == JsonToken.VALUE_TRUE;
                case "retryAfterMs" -> retryAfterMs = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : -1;
                case "history" -> {
                    history = new ArrayList<>();
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        history.add(object(parser));
                    }
                }
                default -> skip(parser);
            }
        }
        return new ServerFrame(type, id, text, node, token, code, history, recovered, retryAfterMs);
    }

    private static String skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    private static String abbreviate(String frame) {
        return frame.length() > 80 ? frame.substring(0, 80) + "…" : frame;
    }
}
