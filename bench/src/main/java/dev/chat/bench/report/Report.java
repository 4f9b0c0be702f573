package dev.chat.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The report step of the benchmark: turns the scenario result files of a run into the summary,
 * the charts and the performance document. The only public class of this package, so the
 * command line depends on one call and the layout can change freely behind it.
 */
public final class Report {

    static final String SUMMARY_MD = "summary.md";
    static final String LATENCY_SVG = "latency.svg";
    static final String EFFICIENCY_SVG = "efficiency.svg";

    private Report() {
    }

    /**
     * Reads every *.json in {@code after} (and {@code before} if non-null and exists), writes
     * {@code after}/summary.md, {@code after}/latency.svg, {@code after}/efficiency.svg, and the
     * document {@code doc} (e.g. docs/performance.md) unless it is null.
     *
     * @return the markdown table text (also printed by the caller)
     */
    public static String write(Path after, Path before, Path doc) throws IOException {
        RunResults afterRun = RunResults.read(after);
        RunResults beforeRun = before != null && Files.isDirectory(before) ? RunResults.read(before) : null;
        Map<String, ScenarioResult> beforeByName = beforeRun == null ? Map.of() : beforeRun.byName();

        ReportDocument report = new ReportDocument(afterRun, beforeRun, after);
        writeText(after.resolve(LATENCY_SVG), LatencyChart.render(afterRun.scenarios(), beforeByName));
        writeText(after.resolve(EFFICIENCY_SVG), EfficiencyChart.render(afterRun.scenarios(), beforeByName));
        Path summary = after.resolve(SUMMARY_MD);
        writeText(summary, report.summary(summary));
        if (doc != null) {
            Path docFolder = doc.toAbsolutePath().normalize().getParent();
            if (docFolder != null) {
                Files.createDirectories(docFolder);
            }
            writeText(doc, report.performanceDoc(doc));
        }
        return report.mainTable();
    }

    private static void writeText(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
