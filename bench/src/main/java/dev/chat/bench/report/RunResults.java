package dev.chat.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scenario results of one run (one folder of *.json files), in report order. A file that is
 * not a JSON object is listed as unreadable rather than failing the report: one broken scenario
 * should not hide the figures of the others.
 */
final class RunResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final List<ScenarioResult> scenarios;
    private final List<String> unreadable;

    RunResults(Path folder, List<ScenarioResult> scenarios, List<String> unreadable) {
        this.folder = folder;
        List<ScenarioResult> sorted = new ArrayList<>(scenarios);
        sorted.sort(ScenarioOrder.COMPARATOR);
        this.scenarios = Collections.unmodifiableList(sorted);
        this.unreadable = List.copyOf(unreadable);
    }

    static RunResults read(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            // sorted so that two files naming the same scenario always come in the same order
            files = listing.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        }
        List<ScenarioResult> scenarios = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String baseName = fileName.substring(0, fileName.length() - ".json".length());
            try {
                JsonNode root = JSON.readTree(file.toFile());
                if (root != null && root.isObject()) {
                    scenarios.add(ScenarioResult.of(baseName, root));
                } else {
                    unreadable.add(fileName + " (not a JSON object)");
                }
            } catch (IOException broken) {
                unreadable.add(fileName + " (" + firstLine(broken.getMessage()) + ")");
            }
        }
        return new RunResults(folder, scenarios, unreadable);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    Path folder() {
        return folder;
    }

    List<ScenarioResult> scenarios() {
        return scenarios;
    }

    List<String> unreadable() {
        return unreadable;
    }

    boolean isEmpty() {
        return scenarios.isEmpty();
    }

    /** By scenario name; the first file wins when two name the same scenario. */
    Map<String, ScenarioResult> byName() {
        Map<String, ScenarioResult> out = new LinkedHashMap<>();
        for (ScenarioResult scenario : scenarios) {
            out.putIfAbsent(scenario.name(), scenario);
        }
        return out;
    }
}
