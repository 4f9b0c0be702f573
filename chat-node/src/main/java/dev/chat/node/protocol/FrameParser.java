package dev.chat.node.protocol;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contract.MessageText;
import dev.chat.contract.RedisKeys;
import dev.chat.node.identity.Names;

/**
 * Turns a client's text frame into a {@link ClientFrame} or a {@link ProtocolException} that says
 * exactly what is wrong; nothing invalid gets past it.
 */
public final class FrameParser {

    public static final int MAX_ATTACHMENTS = 4;

    private final ObjectMapper mapper;
    private final int maxTextLength;
    private final int maxClientIdLength;

    public FrameParser(ObjectMapper mapper, int maxTextLength, int maxClientIdLength) {
        this.mapper = mapper;
        this.maxTextLength = maxTextLength;
        this.maxClientIdLength = maxClientIdLength;
    }

    public ClientFrame parse(String text) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException | RuntimeException e) {
            throw bad("frame is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw bad("frame must be a JSON object");
        }
        String type = optionalString(node, "type");
        if (type == null) {
            throw bad("field 'type' is required");
        }
        return switch (type) {
            case "join" -> join(node);
            case "send" -> send(node);
            case "nick" -> nick(node);
            case "typing" -> new ClientFrame.Typing();
            case "auth" -> new ClientFrame.Auth(required(node, "token"));
            default -> throw bad("unknown type '" + abbreviate(type) + "'");
        };
    }

    private ClientFrame join(JsonNode node) {
        String room = optionalString(node, "room");
        if (room == null) {
            throw bad("field 'room' is required");
        }
        if (!RedisKeys.isValidRoomId(room)) {
            throw new ProtocolException(ErrorCode.NO_SUCH_ROOM, "no such room: " + abbreviate(room));
        }
        String since = optionalString(node, "since");
        Long sinceId = null;
        if (since != null && !since.isEmpty()) {
            try {
                sinceId = Long.parseLong(since);
            } catch (NumberFormatException e) {
                throw bad("field 'since' must be a message id");
            }
            if (sinceId < 0) {
                throw bad("field 'since' must be a message id");
            }
        }
        return new ClientFrame.Join(room, sinceId);
    }

    private ClientFrame send(JsonNode node) {
        String text = optionalString(node, "text");
        if (text == null) {
            throw bad("field 'text' is required");
        }
        if (text.codePointCount(0, text.length()) > maxTextLength) {
            throw new ProtocolException(ErrorCode.TOO_LONG, "text is longer than " + maxTextLength + " characters");
        }
        String control = MessageText.controlCharacterProblem(text);
        if (control != null) {
            throw bad(control);
        }
        List<String> attachments = attachments(node);
        if (text.isBlank() && attachments.isEmpty()) {
            throw new ProtocolException(ErrorCode.EMPTY, "text is empty");
        }
        String clientId = optionalString(node, "clientId");
        if (clientId != null && clientId.length() > maxClientIdLength) {
            throw new ProtocolException(ErrorCode.TOO_LONG, "clientId is longer than " + maxClientIdLength);
        }
        return new ClientFrame.Send(text, clientId == null || clientId.isEmpty() ? null : clientId, attachments);
    }

    private static List<String> attachments(JsonNode node) {
        JsonNode value = node.get("attachments");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > MAX_ATTACHMENTS) {
            throw bad("field 'attachments' must be an array of at most " + MAX_ATTACHMENTS + " ids");
        }
        List<String> ids = new ArrayList<>(value.size());
        for (JsonNode id : value) {
            if (!id.isTextual() || RedisKeys.roomOfAttachment(id.textValue()) == null) {
                throw new ProtocolException(ErrorCode.BAD_ATTACHMENT, "not an attachment id");
            }
            if (!ids.contains(id.textValue())) {
                ids.add(id.textValue());
            }
        }
        return List.copyOf(ids);
    }

    private ClientFrame nick(JsonNode node) {
        String name = optionalString(node, "name");
        String problem = Names.validate(name == null ? null : name.strip());
        if (problem != null) {
            throw bad(problem);
        }
        return new ClientFrame.Nick(name.strip());
    }

    private static String required(JsonNode node, String field) {
        String value = optionalString(node, field);
        if (value == null) {
            throw bad("field '" + field + "' is required");
        }
        return value;
    }

    /** Absent and null are the same; any other non-string is a client bug worth naming. */
    private static String optionalString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw bad("field '" + field + "' must be a string");
        }
        return value.textValue();
    }

    private static ProtocolException bad(String message) {
        return new ProtocolException(ErrorCode.BAD_REQUEST, message);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
