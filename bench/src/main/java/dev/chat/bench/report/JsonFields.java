package dev.chat.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenient reads from a result file's JSON tree. Any field of a scenario result may be missing,
 * null or (from an older generator) of another type, and the report must still render, so every
 * read here answers "absent" instead of failing.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** The node at {@code path}, or a missing node when any step is absent or null. */
    static JsonNode at(JsonNode root, String... path) {
        JsonNode node = root == null ? MissingNode.getInstance() : root;
        for (String step : path) {
            node = node.path(step);
        }
        return node.isNull() ? MissingNode.getInstance() : node;
    }

    /** A finite number, also from numeric text; null otherwise. */
    static Double number(JsonNode root, String... path) {
        JsonNode node = at(root, path);
        double value;
        if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isTextual()) {
            try {
                value = Double.parseDouble(node.textValue().trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        } else {
            return null;
        }
        return Double.isFinite(value) ? value : null;
    }

    /** A scalar as text (numbers and booleans too), or null for missing, empty or structured values. */
    static String text(JsonNode root, String... path) {
        JsonNode node = at(root, path);
        if (!node.isValueNode()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }

    /** True only for a JSON true (or the text "true"): an absent flag means "not set". */
    static boolean isTrue(JsonNode root, String... path) {
        JsonNode node = at(root, path);
        return node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(node.asText(""));
    }

    /** The object elements of an array; empty when it is missing or not an array. */
    static List<JsonNode> objects(JsonNode root, String... path) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode array = at(root, path);
        if (!array.isArray()) {
            // iterating an object would yield its values, which are not list elements
            return out;
        }
        for (JsonNode element : array) {
            if (element.isObject()) {
                out.add(element);
            }
        }
        return out;
    }
}
