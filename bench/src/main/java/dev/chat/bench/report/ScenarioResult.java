package dev.chat.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One scenario's result file, read leniently. The report needs a few derived figures (CPU by
 * process kind, idle bytes per connection) in several places; they are computed here once so the
 * tables and the charts cannot disagree.
 */
final class ScenarioResult {

    private final String name;
    private final JsonNode root;

    ScenarioResult(String name, JsonNode root) {
        this.name = name;
        this.root = root;
    }

    /** The scenario named in the file, else the file name: a file renamed by hand still shows. */
    static ScenarioResult of(String fileName, JsonNode root) {
        String named = JsonFields.text(root, "scenario");
        return new ScenarioResult(named != null ? named : fileName, root);
    }

    String name() {
        return name;
    }

    JsonNode node(String... path) {
        return JsonFields.at(root, path);
    }

    Double number(String... path) {
        return JsonFields.number(root, path);
    }

    String text(String... path) {
        return JsonFields.text(root, path);
    }

    boolean has(String... path) {
        return !node(path).isMissingNode();
    }

    boolean generatorSaturated() {
        return JsonFields.isTrue(root, "generator", "saturated");
    }

    List<JsonNode> processes() {
        return JsonFields.objects(root, "processes");
    }

    /** Sum of cpuPercent over the processes of this kind; null when none reported one. */
    Double cpuPercentOfKind(String kind) {
        Double sum = null;
        for (JsonNode process : processes()) {
            Double cpu = JsonFields.number(process, "cpuPercent");
            if (cpu != null && kind.equals(JsonFields.text(process, "kind"))) {
                sum = (sum == null ? 0 : sum) + cpu;
            }
        }
        return sum;
    }

    /** Sum of cpuPercent over processes whose kind is none of {@code known}; null when none. */
    Double cpuPercentOfOtherKinds(List<String> known) {
        Double sum = null;
        for (JsonNode process : processes()) {
            Double cpu = JsonFields.number(process, "cpuPercent");
            if (cpu != null && !known.contains(JsonFields.text(process, "kind"))) {
                sum = (sum == null ? 0 : sum) + cpu;
            }
        }
        return sum;
    }

    /**
     * Idle bytes per connection over all nodes ({@code field} is rssBytesPerConn or
     * heapBytesPerConn): a run-wide figure when the file has one, else the per-node figures
     * weighted by each node's connections, since nodes rarely hold exactly the same number.
     */
    Double idleBytesPerConn(String field) {
        Double overall = number("idle", field);
        if (overall != null) {
            return overall;
        }
        double weighted = 0;
        double weights = 0;
        for (JsonNode node : JsonFields.objects(root, "idle", "perNode")) {
            Double value = JsonFields.number(node, field);
            if (value == null) {
                continue;
            }
            Double conns = JsonFields.number(node, "connections");
            double weight = conns == null || conns <= 0 ? 1 : conns;
            weighted += value * weight;
            weights += weight;
        }
        return weights == 0 ? null : weighted / weights;
    }

    List<String> warnings() {
        List<String> out = new ArrayList<>();
        JsonNode list = node("warnings");
        if (!list.isArray()) {
            return out;
        }
        for (JsonNode warning : list) {
            if (warning.isValueNode() && !warning.asText().isBlank()) {
                out.add(warning.asText());
            }
        }
        return out;
    }
}
