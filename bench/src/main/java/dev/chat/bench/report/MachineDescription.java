package dev.chat.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The machine and software versions a run measured, from the first result that recorded them:
 * figures mean little without the hardware and commit behind them. Fields it does not know are
 * listed too, so a new field added by the generator is not silently dropped.
 */
final class MachineDescription {

    private static final Set<String> HARDWARE = Set.of("cores", "memoryGiB", "os", "kernel");
    private static final Set<String> VERSIONS = Set.of("java", "nginx", "redis", "commit");

    private final JsonNode machine;

    private MachineDescription(JsonNode machine) {
        this.machine = machine;
    }

    static MachineDescription of(RunResults run) {
        for (ScenarioResult r : run.scenarios()) {
            if (r.node("machine").isObject()) {
                return new MachineDescription(r.node("machine"));
            }
        }
        return new MachineDescription(JsonFields.at(null));
    }

    /** Plain text such as "2 cores, 23.4 GiB memory, Debian GNU/Linux 12, kernel 6.1". */
    String hardware() {
        List<String> parts = new ArrayList<>();
        Double cores = JsonFields.number(machine, "cores");
        if (cores != null) {
            parts.add(NumberFormats.count(cores) + (cores == 1 ? " core" : " cores"));
        }
        Double memory = JsonFields.number(machine, "memoryGiB");
        if (memory != null) {
            parts.add(NumberFormats.oneDecimal(memory) + " GiB memory");
        }
        addIfPresent(parts, "", JsonFields.text(machine, "os"));
        addIfPresent(parts, "kernel ", JsonFields.text(machine, "kernel"));
        // measured before the load (BoxSpeed): what tells two days on "the same" box apart
        Double roundTrip = JsonFields.number(machine, "speed", "loopbackRoundTripMicros");
        if (roundTrip != null) {
            parts.add("loopback round trip " + NumberFormats.oneDecimal(roundTrip) + " µs");
        }
        Double pageFault = JsonFields.number(machine, "speed", "pageFaultMicros");
        if (pageFault != null) {
            parts.add("first touch of a page " + NumberFormats.oneDecimal(pageFault) + " µs");
        }
        return parts.isEmpty() ? NumberFormats.MISSING : String.join(", ", parts);
    }

    /** Plain text such as "Java 17.0.15, nginx 1.22.1, Redis 7.0.15, commit abc1234". */
    String versions() {
        List<String> parts = new ArrayList<>();
        addIfPresent(parts, "Java ", JsonFields.text(machine, "java"));
        addIfPresent(parts, "nginx ", JsonFields.text(machine, "nginx"));
        addIfPresent(parts, "Redis ", JsonFields.text(machine, "redis"));
        addIfPresent(parts, "commit ", commit());
        Iterator<Map.Entry<String, JsonNode>> fields = machine.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (!HARDWARE.contains(key) && !VERSIONS.contains(key) && field.getValue().isValueNode()) {
                addIfPresent(parts, key + " ", JsonFields.text(field.getValue()));
            }
        }
        return parts.isEmpty() ? NumberFormats.MISSING : String.join(", ", parts);
    }

    String commit() {
        return JsonFields.text(machine, "commit");
    }

    private static void addIfPresent(List<String> parts, String prefix, String value) {
        if (value != null) {
            parts.add(prefix + value);
        }
    }
}
