package dev.chat.cluster.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of one fault scenario: what it promises, the figures it measured and which of its
 * checks held. Figures are printed as one {@code FIGURE <scenario> name=value ...} line and
 * appended, as they are measured, to {@code target/reliability/<scenario>.properties}, from which
 * {@code cluster-tests/report} builds {@code docs/reliability.md}. The file is one
 * {@code key=value} per line, the last value of a key wins; keys are {@code title},
 * {@code promise}, {@code command}, {@code figure.*}, {@code check.*} and {@code result}.
 */
public final class Scenario {

    private static volatile String tested = "unknown";

    private final String id;
    private final Path file;
    private final Map<String, String> figures = new LinkedHashMap<>();
    private final List<String> failed = new ArrayList<>();

    private Scenario(String id, Path file) {
        this.id = id;
        this.file = file;
    }

    /** Starts the record afresh (figures of an earlier run are dropped). */
    public static Scenario begin(String id, String title, String promise, String testSelector) {
        Path dir = Path.of(System.getProperty("reliability.dir", "target/reliability"));
        Scenario scenario = new Scenario(id, dir.resolve(id + ".properties"));
        try {
            Files.createDirectories(dir);
            Files.writeString(scenario.file, "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        scenario.append("title", title);
        scenario.append("promise", promise);
        scenario.append("command", "mvn -B -o verify -pl cluster-tests -Dit.test=" + testSelector);
        scenario.append("startedAt", Instant.now().toString());
        scenario.append("tested", tested);
        scenario.append("result", "INCOMPLETE (the test did not finish)");
        return scenario;
    }

    /** What the scenarios run against (which jars), recorded with each of them. */
    public static void tested(String build) {
        tested = build;
    }

    /** How the scenario measures (shown with its figures in the report). */
    public synchronized void method(String text) {
        append("method", text);
    }

    public synchronized void figure(String name, Object value) {
        String text = String.valueOf(value);
        figures.put(name, text);
        append("figure." + name, text);
    }

    /** A promise of the scenario: recorded either way, and failing the test at {@link #verify()}. */
    public synchronized void check(String name, boolean held, String detail) {
        append("check." + name, (held ? "PASS " : "FAIL ") + detail);
        if (!held) {
            failed.add(name + ": " + detail);
        }
    }

    /** Records an unexpected failure of the scenario itself (an exception before the checks). */
    public synchronized void crashed(Throwable failure) {
        String message = failure.toString();
        failed.add("aborted: " + message);
        append("check.completed", "FAIL aborted: " + message);
    }

    /** Prints the FIGURE line, records the result and fails when a check did not hold. */
    public synchronized void verify() {
        StringBuilder line = new StringBuilder("FIGURE ").append(id);
        figures.forEach((name, value) -> line.append(' ').append(name).append('=').append(value.replace(' ', '_')));
        System.out.println(line);
        append("finishedAt", Instant.now().toString());
        append("result", failed.isEmpty() ? "PASS" : "FAIL");
        if (!failed.isEmpty()) {
            throw new AssertionError(id + ": " + failed.size() + " promise(s) broken:\n  " + String.join("\n  ", failed));
        }
    }

    private void append(String key, String value) {
        String line = key + "=" + value.replace('\n', ' ').replace('\r', ' ') + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
