package dev.chat.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * A ramp's steps as the workers report them ({@code STEP} lines): merged once every worker has
 * reported a step, the ramp stopped ({@code STOP}) at the first step whose p99 passes the
 * threshold, and the ramp's part of the scenario's result. Steady runs have no steps.
 */
final class RampSteps {

    private final Plan plan;
    private final double thresholdMs;
    private final Map<Integer, List<String[]>> stepParts = new LinkedHashMap<>();
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private long stoppedAtMicros = Long.MAX_VALUE;

    RampSteps(Plan plan, double thresholdMs) {
        this.plan = plan;
        this.thresholdMs = thresholdMs;
    }

    /** Reads lines until {@code untilMicros} (or a STOP); returns when sending stopped. */
    long waitLines(WorkerProcesses workers, long untilMicros) throws InterruptedException {
        while (Clock.micros() < untilMicros && stoppedAtMicros == Long.MAX_VALUE) {
            WorkerProcesses.Line line = workers.next((untilMicros - Clock.micros()) / 1000 + 1);
            if (line != null) {
                if (line.text() == null) {
                    throw new IllegalStateException("worker " + line.worker() + " exited during the run");
                }
                stepLine(line, workers);
            }
        }
        return Math.min(stoppedAtMicros, Clock.micros());
    }

    /** Takes a {@code STEP} line (other lines are ignored); tells the workers to stop past the threshold. */
    void stepLine(WorkerProcesses.Line line, WorkerProcesses workers) {
        if (!line.text().startsWith("STEP ")) {
            return;
        }
        String[] parts = line.text().split(" ");
        int k = Integer.parseInt(parts[1]);
        List<String[]> got = stepParts.computeIfAbsent(k, x -> new ArrayList<>());
        got.add(parts);
        if (got.size() < workers.size()) {
            return;
        }
        Histogram merged = Percentiles.micros();
        long deliveries = 0;
        for (String[] p : got) {
            merged.add(Percentiles.decode(p[2]));
            deliveries += Long.parseLong(p[3]);
        }
        double rate = plan.rate() * Math.pow(plan.rampFactor(), k);
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("rate", ResultMap.round(rate, 2));
        step.put("offeredDeliveriesPerSecond", Math.round(plan.offeredPerSecond(rate)));
        step.put("deliveriesPerSecond", Math.round(deliveries / (plan.stepMicros() / 1e6)));
        Map<String, Object> ms = Percentiles.millis(merged);
        step.put("p50", ms.get("p50"));
        step.put("p99", ms.get("p99"));
        step.put("max", ms.get("max"));
        steps.add(step);
        double p99 = Percentiles.p99Millis(merged);
        System.err.printf("[bench] ramp step %d: %.1f msg/s per sender, %d deliveries/s, p99 %.1f ms%n", k, rate,
                deliveries * 1_000_000 / plan.stepMicros(), p99);
        if (p99 > thresholdMs && stoppedAtMicros == Long.MAX_VALUE) {
            stoppedAtMicros = Clock.micros();
            workers.tellAll("STOP");
        }
    }

    /** The result's {@code ramp} object: every step, and the last rate whose p99 stayed within the threshold. */
    Map<String, Object> section() {
        Map<String, Object> ramp = new LinkedHashMap<>();
        ramp.put("thresholdMs", thresholdMs);
        ramp.put("steps", steps);
        Map<String, Object> lastBelow = null;
        for (Map<String, Object> step : steps) {
            if (((Number) step.getOrDefault("p99", 0.0)).doubleValue() <= thresholdMs) {
                lastBelow = step;
            } else {
                break;
            }
        }
        ramp.put("lastRateBelow", lastBelow == null ? null : lastBelow.get("rate"));
        ramp.put("lastDeliveriesPerSecondBelow", lastBelow == null ? null : lastBelow.get("deliveriesPerSecond"));
        ramp.put("reachedThreshold", stoppedAtMicros != Long.MAX_VALUE);
        return ramp;
    }
}
