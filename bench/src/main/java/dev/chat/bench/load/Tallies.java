package dev.chat.bench.load;

import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * Everything one event loop of a worker counts and measures. Confined to that loop (no locks);
 * the worker merges the loops' tallies once the run is over, and the coordinator merges workers'.
 */
public final class Tallies {

    /** Latency (due → received) of messages due in the measured part. */
    public final Histogram latency = Percentiles.micros();
    /** Open → {@code joined}. */
    public final Histogram join = Percentiles.micros();
    /** Open → {@code welcome}: the transport part of a join (TCP, upgrade through the gateway). */
    public final Histogram welcome = Percentiles.micros();
    /** Lateness of the loop's ticker while connecting: a generator too busy to open and read. */
    public final Histogram connectLoopLag = Percentiles.micros();
    /** Socket dropped → {@code joined} again (storm). */
    public final Histogram rejoin = Percentiles.micros();
    /** Socket dropped → {@code welcome} on the new one (storm): the transport's part of a rejoin. */
    public final Histogram rewelcome = Percentiles.micros();
    /** How late a send went out after it was due: the generator falling behind its schedule. */
    public final Histogram sendLag = Percentiles.micros();
    /** How late the event loop's ticker fired: the generator's own saturation. */
    public final Histogram loopLag = Percentiles.micros();
    /** Latency per ramp step. */
    public final Histogram[] steps;

    public final Map<String, Long> errors = new TreeMap<>();
    public final Map<String, Long> nodes = new TreeMap<>();
    public long deliveriesMeasured;
    public long duplicates;
    public long reordered;
    public long replayed;
    public long scheduled;
    public long attempted;
    public long joined;
    public long failed;
    public long rejoined;
    public long dropped;
    /** Distinct benchmark messages received, in or out of the measured part. */
    public long received;
    /** Distinct benchmark messages that arrived inside the measured part, whenever they were due. */
    public long arrivedInWindow;
    public long[] stepDeliveries;

    public Tallies(int rampSteps) {
        steps = new Histogram[rampSteps];
        stepDeliveries = new long[rampSteps];
        for (int i = 0; i < rampSteps; i++) {
            steps[i] = Percentiles.micros();
        }
    }

    public void error(String key) {
        errors.merge(key, 1L, Long::sum);
    }

    public void add(Tallies other) {
        latency.add(other.latency);
        join.add(other.join);
        welcome.add(other.welcome);
        connectLoopLag.add(other.connectLoopLag);
        rejoin.add(other.rejoin);
        rewelcome.add(other.rewelcome);
        sendLag.add(other.sendLag);
        loopLag.add(other.loopLag);
        for (int i = 0; i < steps.length; i++) {
            steps[i].add(other.steps[i]);
            stepDeliveries[i] += other.stepDeliveries[i];
        }
        other.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
        other.nodes.forEach((k, v) -> nodes.merge(k, v, Long::sum));
        deliveriesMeasured += other.deliveriesMeasured;
        duplicates += other.duplicates;
        reordered += other.reordered;
        replayed += other.replayed;
        scheduled += other.scheduled;
        attempted += other.attempted;
        joined += other.joined;
        failed += other.failed;
        rejoined += other.rejoined;
        dropped += other.dropped;
        received += other.received;
        arrivedInWindow += other.arrivedInWindow;
    }
}
