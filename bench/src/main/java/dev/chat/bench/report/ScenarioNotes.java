package dev.chat.bench.report;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The plain-text notes cell of the main table: the one figure that matters for the special
 * scenarios (storm, idle, ramp), which have no latency to show, and a flag when the generator
 * rather than the server set the limits. Chosen by which sections the file holds, not by the
 * scenario's name, so a renamed or new scenario still gets its note.
 */
final class ScenarioNotes {

    private ScenarioNotes() {
    }

    static String of(ScenarioResult r) {
        List<String> parts = new ArrayList<>();
        if (r.has("storm")) {
            parts.add(storm(r));
        }
        if (r.has("idle")) {
            parts.add(idle(r));
        }
        if (r.has("ramp")) {
            parts.add(ramp(r));
        }
        if (r.generatorSaturated()) {
            parts.add("generator saturated: figures limited by the generator");
        }
        int warnings = r.warnings().size();
        if (warnings > 0) {
            parts.add(warnings + (warnings == 1 ? " warning" : " warnings") + " (see below)");
        }
        return String.join("; ", parts);
    }

    private static String storm(ScenarioResult r) {
        Double clients = r.number("storm", "clients");
        Double rejoined = r.number("storm", "rejoined");
        Double seconds = r.number("storm", "secondsToAllJoined");
        String in = seconds == null ? "" : " in " + NumberFormats.seconds(seconds) + " s";
        if (clients != null && clients.equals(rejoined)) {
            return "all " + NumberFormats.count(clients) + " back" + in;
        }
        return NumberFormats.count(rejoined) + " of " + NumberFormats.count(clients) + " back" + in;
    }

    private static String idle(ScenarioResult r) {
        String held = NumberFormats.count(r.number("idle", "connections")) + " idle conns";
        Double idleSeconds = r.number("idle", "idleSeconds");
        if (idleSeconds != null) {
            held += " for " + NumberFormats.seconds(idleSeconds) + " s";
        }
        Double refused = r.number("idle", "refused");
        if (refused != null && refused > 0) {
            held += " (" + NumberFormats.count(refused) + " refused)";
        }
        String note = held + ": RSS " + NumberFormats.count(r.idleBytesPerConn("rssBytesPerConn")) + " B/conn, heap "
                + NumberFormats.count(r.idleBytesPerConn("heapBytesPerConn")) + " B/conn";
        Double heapLater = r.idleBytesPerConn("heapBytesPerConnSecondHalf");
        if (heapLater != null) {
            note += " (second half of the connections: heap " + NumberFormats.count(heapLater) + " B/conn)";
        }
        return note;
    }

    private static String ramp(ScenarioResult r) {
        String threshold = NumberFormats.ms(r.number("ramp", "thresholdMs"));
        Double lastRate = r.number("ramp", "lastRateBelow");
        if (lastRate == null) {
            return "no rate stayed below " + threshold + " ms";
        }
        String note = "last rate below " + threshold + " ms: " + NumberFormats.rate(lastRate) + "/s per sender ("
                + NumberFormats.rate(r.number("ramp", "lastDeliveriesPerSecondBelow")) + " deliveries/s)";
        JsonNode reached = r.node("ramp", "reachedThreshold");
        if (reached != null && reached.isBoolean() && !reached.asBoolean()) {
            // every step stayed below: the figure is where the ramp ended, not where latency broke
            note += ", the ramp's last step: p99 never passed " + threshold + " ms";
        }
        return note;
    }
}
