package dev.chat.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares two runs scenario by scenario, with the main table's columns and two rows per
 * scenario (before, then after), so a change shows as two figures one above the other. Only
 * scenarios present in both runs are compared; the others are named, not silently dropped.
 */
final class BeforeAfterSection {

    private BeforeAfterSection() {
    }

    static String render(RunResults before, RunResults after) {
        Map<String, ScenarioResult> beforeByName = before.byName();
        Map<String, ScenarioResult> afterByName = after.byName();
        StringBuilder out = new StringBuilder();
        out.append("- **Before**: ").append(describe(before)).append('\n');
        out.append("- **After**: ").append(describe(after)).append("\n\n");

        List<String> headers = new ArrayList<>(List.of("scenario", "run"));
        headers.addAll(SummaryTable.FIGURE_HEADERS);
        MarkdownTable table = new MarkdownTable(headers).textColumn("run").textColumn(SummaryTable.NOTES);
        for (ScenarioResult afterResult : afterByName.values()) {
            ScenarioResult beforeResult = beforeByName.get(afterResult.name());
            if (beforeResult == null) {
                continue;
            }
            String name = MarkdownText.escape(afterResult.name());
            table.row(row(name, "before", beforeResult));
            table.row(row(name, "after", afterResult));
        }
        if (table.isEmpty()) {
            out.append("No scenario is in both runs, so there is nothing to compare.\n");
        } else {
            out.append(table.render());
        }
        List<String> onlyBefore = missingFrom(beforeByName, afterByName);
        List<String> onlyAfter = missingFrom(afterByName, beforeByName);
        if (!onlyBefore.isEmpty() || !onlyAfter.isEmpty()) {
            out.append('\n');
        }
        if (!onlyBefore.isEmpty()) {
            out.append("Only in before (not compared): ").append(String.join(", ", onlyBefore)).append(".\n");
        }
        if (!onlyAfter.isEmpty()) {
            out.append("Only in after (not compared): ").append(String.join(", ", onlyAfter)).append(".\n");
        }
        return out.toString();
    }

    private static List<String> row(String name, String run, ScenarioResult result) {
        List<String> row = new ArrayList<>(List.of(name, run));
        row.addAll(SummaryTable.figures(result));
        return row;
    }

    private static String describe(RunResults run) {
        MachineDescription machine = MachineDescription.of(run);
        String commit = machine.commit();
        return "`" + MarkdownText.escape(RelativeLink.display(run.folder())) + "`, measured "
                + RunDates.describe(run) + (commit == null ? "" : ", commit " + MarkdownText.escape(commit))
                + "; " + MarkdownText.escape(machine.hardware());
    }

    private static List<String> missingFrom(Map<String, ScenarioResult> these, Map<String, ScenarioResult> others) {
        List<String> out = new ArrayList<>();
        for (String name : these.keySet()) {
            if (!others.containsKey(name)) {
                out.add(MarkdownText.escape(name));
            }
        }
        return out;
    }
}
