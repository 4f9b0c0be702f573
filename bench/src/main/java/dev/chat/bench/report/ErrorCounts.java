package dev.chat.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders an errors object ({"timeout":0,"refused":3}) as one short cell: only the non-zero
 * counts, since the files list every known error kind and a row of zeros hides the one that
 * happened; "none" when all are zero, "–" when not measured.
 */
final class ErrorCounts {

    private ErrorCounts() {
    }

    /** Plain text; escape it before putting it in markdown. */
    static String describe(JsonNode errors) {
        if (errors == null || !errors.isObject()) {
            return NumberFormats.MISSING;
        }
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = errors.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Double count = JsonFields.number(field.getValue());
            if (count != null && count != 0) {
                parts.add(field.getKey() + " " + NumberFormats.count(count));
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
