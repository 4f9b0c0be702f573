package dev.chat.registry.service;

import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ibm.icu.text.Normalizer2;

import dev.chat.contract.DisplayNames;

/**
 * Validates the body of {@code POST /api/rooms} field by field. It reads the raw text itself
 * rather than binding a class, because the contract wants a precise message and field name for
 * every kind of mistake (unknown field, wrong type, duplicate key), which binding would blur.
 */
public class NewRoomParser {

    public static final String NAME = "name";
    public static final String CLEAR_INTERVAL = "clearIntervalSeconds";
    public static final String EXPIRY = "expirySeconds";
    public static final String HISTORY = "historyForNewcomers";

    private static final Set<String> FIELDS = Set.of(NAME, CLEAR_INTERVAL, EXPIRY, HISTORY);
    private static final Normalizer2 NAME_KEY = Normalizer2.getNFKCCasefoldInstance();

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final RoomOptions options;
    private final int maxNameLength;

    public NewRoomParser(RoomOptions options, int maxNameLength) {
        this.options = options;
        this.maxNameLength = maxNameLength;
    }

    public NewRoom parse(String body) {
        JsonNode root = readObject(body);
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new InvalidRequestException("unknown field: " + field, field);
            }
        }
        return new NewRoom(name(root.get(NAME)),
                oneOf(root.get(CLEAR_INTERVAL), CLEAR_INTERVAL, options.clearIntervals()),
                oneOf(root.get(EXPIRY), EXPIRY, options.expiries()),
                history(root.get(HISTORY)));
    }

    /**
     * The name key used for uniqueness: NFKC with Unicode case folding (ICU's NFKC_Casefold), so
     * names that differ only in case, in full-width or compatibility forms ("ＳＴＵＤＹ", "ﬁle") or
     * in ignorable characters are the same room.
     */
    public static String nameKey(String name) {
        return NAME_KEY.normalize(name);
    }

    private static JsonNode readObject(String body) {
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body is not valid JSON: " + e.getOriginalMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("body must be a JSON object", null);
        }
        return root;
    }

    private String name(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new InvalidRequestException("name is required", NAME);
        }
        if (!node.isTextual()) {
            throw new InvalidRequestException("name must be a string", NAME);
        }
        String name = node.textValue().strip();
        if (name.isEmpty()) {
            throw new InvalidRequestException("name must not be empty", NAME);
        }
        if (DisplayNames.hasForbidden(name)) {
            throw new InvalidRequestException("name must not contain control, format or bidi characters", NAME);
        }
        if (nameKey(name).isBlank()) {
            throw new InvalidRequestException("name must have a visible character", NAME);
        }
        if (name.codePointCount(0, name.length()) > maxNameLength) {
            throw new InvalidRequestException("name must be at most " + maxNameLength + " characters", NAME);
        }
        return name;
    }

    private static long oneOf(JsonNode node, String field, java.util.List<Long> allowed) {
        if (node == null || node.isNull()) {
            throw new InvalidRequestException(field + " is required", field);
        }
        if (!node.isNumber()) {
            throw new InvalidRequestException(field + " must be a number", field);
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || !allowed.contains(node.longValue())) {
            throw new InvalidRequestException(field + " must be one of " + allowed, field);
        }
        return node.longValue();
    }

    private static boolean history(JsonNode node) {
        if (node == null) {
            return true;
        }
        if (!node.isBoolean()) {
            throw new InvalidRequestException(HISTORY + " must be true or false", HISTORY);
        }
        return node.booleanValue();
    }
}
