package dev.chat.registry.service;

import java.util.Iterator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.contract.MessageText;

/**
 * Validates the body of {@code POST /api/rooms/{id}/messages}, {@code {"text":"..."}}, with the
 * chat node's rules for {@code send} (required, not only white space, at most
 * {@code chat.limits.max-text-length} code points, no control characters but newline and tab) and the registry's strictness about the JSON
 * itself (one object, no duplicate keys, no unknown fields).
 */
public class MessageTextParser {

    public static final String TEXT = "text";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final int maxTextLength;

    public MessageTextParser(int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    /** The text as sent (not trimmed, like the node keeps it). */
    public String parse(String body) {
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body is not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("body must be a JSON object", null);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!TEXT.equals(field)) {
                throw new InvalidRequestException("unknown field: " + field, field);
            }
        }
        JsonNode node = root.get(TEXT);
        if (node == null || node.isNull()) {
            throw new InvalidRequestException("text is required", TEXT);
        }
        if (!node.isTextual()) {
            throw new InvalidRequestException("text must be a string", TEXT);
        }
        String text = node.textValue();
        if (text.isBlank()) {
            throw new InvalidRequestException("text must not be empty", TEXT);
        }
        if (text.codePointCount(0, text.length()) > maxTextLength) {
            throw new InvalidRequestException("text must be at most " + maxTextLength + " characters", TEXT);
        }
        String control = MessageText.controlCharacterProblem(text);
        if (control != null) {
            throw new InvalidRequestException(control, TEXT);
        }
        return text;
    }
}
