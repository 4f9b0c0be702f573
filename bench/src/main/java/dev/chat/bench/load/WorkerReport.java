package dev.chat.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * What a worker process tells the coordinator at the end, as one JSON line: its tallies (with the
 * histograms compressed) and, per sender and per room, the counts from which the coordinator works
 * out how many deliveries were owed, cluster-wide, and how many arrived.
 *
 * @param sent per sender index: messages sent (0 for senders of other workers)
 * @param sendErrors per sender index: sends answered by an error instead of a message
 * @param unique per sender index: distinct messages of that sender received by this worker's
 *     clients that are in the room at the end
 * @param members per room: this worker's clients in the room at the end
 * @param cpuSeconds this process's CPU time over the measured part
 * @param gcCount this process's garbage collections over the measured part
 * @param gcMillis how long they took
 * @param lossSample a few clients that missed messages, and which (empty when none did)
 */
public record WorkerReport(String latency, String join, String welcome, String connectLoopLag, String rejoin, String rewelcome, String sendLag, String loopLag,
        List<String> steps, long[] stepDeliveries, Map<String, Long> errors, Map<String, Long> nodes,
        long deliveriesMeasured, long duplicates, long reordered, long replayed, long scheduled, long attempted,
        long joined, long failed, long rejoined, long dropped, long received, long arrivedInWindow, long[] sent, long[] sendErrors,
        long[] unique, long[] members, double cpuSeconds, long gcCount, long gcMillis, List<String> lossSample) {

    public static WorkerReport of(Tallies t, long[] sent, long[] sendErrors, long[] unique, long[] members,
            double cpuSeconds, long gcCount, long gcMillis, List<String> lossSample) {
        List<String> steps = new ArrayList<>();
        for (Histogram step : t.steps) {
            steps.add(Percentiles.encode(step));
        }
        return new WorkerReport(Percentiles.encode(t.latency), Percentiles.encode(t.join), Percentiles.encode(t.welcome),
                Percentiles.encode(t.connectLoopLag), Percentiles.encode(t.rejoin), Percentiles.encode(t.rewelcome),
                Percentiles.encode(t.sendLag), Percentiles.encode(t.loopLag), steps, t.stepDeliveries, t.errors,
                t.nodes, t.deliveriesMeasured, t.duplicates, t.reordered, t.replayed, t.scheduled, t.attempted,
                t.joined, t.failed, t.rejoined, t.dropped, t.received, t.arrivedInWindow, sent, sendErrors, unique, members, cpuSeconds,
                gcCount, gcMillis, lossSample);
    }

    /** Adds this report's tallies into {@code into}. */
    public void addTo(Tallies into) {
        Tallies t = new Tallies(steps.size());
        t.latency.add(Percentiles.decode(latency));
        t.join.add(Percentiles.decode(join));
        t.welcome.add(Percentiles.decode(welcome));
        t.connectLoopLag.add(Percentiles.decode(connectLoopLag));
        t.rejoin.add(Percentiles.decode(rejoin));
        t.rewelcome.add(Percentiles.decode(rewelcome));
        t.sendLag.add(Percentiles.decode(sendLag));
        t.loopLag.add(Percentiles.decode(loopLag));
        for (int i = 0; i < steps.size(); i++) {
            t.steps[i].add(Percentiles.decode(steps.get(i)));
        }
        t.stepDeliveries = Arrays.copyOf(stepDeliveries, steps.size());
        t.errors.putAll(errors);
        t.nodes.putAll(nodes);
        t.deliveriesMeasured = deliveriesMeasured;
        t.duplicates = duplicates;
        t.reordered = reordered;
        t.replayed = replayed;
        t.scheduled = scheduled;
        t.attempted = attempted;
        t.joined = joined;
        t.failed = failed;
        t.rejoined = rejoined;
        t.dropped = dropped;
        t.received = received;
        t.arrivedInWindow = arrivedInWindow;
        into.add(t);
    }
}
