package dev.chat.bench.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * When a run was measured, from its scenarios' start times rather than the time the report is
 * written, so regenerating the document from the same results changes nothing.
 */
final class RunDates {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private RunDates() {
    }

    /** Plain text: "2026-12-01 21:00 UTC" or "2026-12-01 21:00 UTC to 2026-12-01 21:20 UTC"; "–" when unknown. */
    static String describe(RunResults run) {
        List<Instant> instants = new ArrayList<>();
        List<String> unparsed = new ArrayList<>();
        for (ScenarioResult r : run.scenarios()) {
            String started = r.text("startedAt");
            if (started == null) {
                continue;
            }
            try {
                instants.add(Instant.parse(started));
            } catch (DateTimeParseException notIso) {
                unparsed.add(started);
            }
        }
        if (instants.isEmpty()) {
            return unparsed.isEmpty() ? NumberFormats.MISSING : unparsed.stream().sorted().findFirst().orElseThrow();
        }
        instants.sort(null);
        String first = MINUTES.format(instants.get(0));
        String last = MINUTES.format(instants.get(instants.size() - 1));
        return first.equals(last) ? first : first + " to " + last;
    }
}
