package dev.chat.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chat.bench.proc.Sample;
import dev.chat.bench.proc.ServerProcess;

/**
 * A scenario's result, the JSON that bench/results and docs/performance.md are made of: the
 * workers' reports merged (per sender: sent, refused, received; per room: members at the end),
 * what was expected against what arrived, latency, sends, the generator's own load, the servers'
 * figures, the storm's and the ramp's parts, and warnings. The order of the keys is the format.
 */
final class ResultMap {

    /** Send lag or loop lag above these: the generator could not keep its own schedule. */
    static final double SATURATED_SEND_LAG_MS = 10;
    static final double SATURATED_LOOP_LAG_MS = 20;

    private final Plan plan;
    private final Coordinator.Settings settings;
    private final BoxSpeed speed;

    /** @param speed the box's speed measured before the load (null: not measured) */
    ResultMap(Plan plan, Coordinator.Settings settings, BoxSpeed speed) {
        this.plan = plan;
        this.settings = settings;
        this.speed = speed;
    }

    /** The servers' processes, samples at the window's start and end, and the heap probes (idle only). */
    record Servers(List<ServerProcess> processes, Sample start, Sample end, Map<String, long[]> heapBefore,
            Map<String, long[]> heapMid, Map<String, long[]> heapAfter) {

        Servers(List<ServerProcess> processes, Sample start, Sample end, Map<String, long[]> heapBefore,
                Map<String, long[]> heapAfter) {
            this(processes, start, end, heapBefore, Map.of(), heapAfter);
        }
    }

    Map<String, Object> build(String startedAt, Tallies t, List<WorkerReport> reports, Servers servers, double seconds,
            RampSteps ramp, double coordinatorCpu) {
        long[] members = new long[plan.rooms()];
        long[] sent = new long[plan.senders()], sendErrors = new long[plan.senders()], unique = new long[plan.senders()];
        double generatorCpu = coordinatorCpu;
        long gcCount = 0, gcMillis = 0;
        for (WorkerReport r : reports) {
            for (int i = 0; i < members.length; i++) {
                members[i] += r.members()[i];
            }
            for (int s = 0; s < plan.senders(); s++) {
                sent[s] += r.sent()[s];
                sendErrors[s] += r.sendErrors()[s];
                unique[s] += r.unique()[s];
            }
            generatorCpu += r.cpuSeconds();
            gcCount += r.gcCount();
            gcMillis += r.gcMillis();
        }
        long expected = 0, received = 0, accepted = 0, sentTotal = 0, sendErrorTotal = 0;
        for (int s = 0; s < plan.senders(); s++) {
            long ok = sent[s] - sendErrors[s];
            accepted += ok;
            sentTotal += sent[s];
            sendErrorTotal += sendErrors[s];
            expected += ok * members[plan.roomOf(s)];
            received += unique[s];
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", settings.scenario());
        out.put("label", settings.label());
        out.put("startedAt", startedAt);
        Map<String, Object> machine = Machine.describe(settings.meta());
        if (speed != null) {
            machine.put("speed", speed.toMap());
        }
        out.put("machine", machine);
        out.put("options", options());

        Map<String, Long> connectErrors = new LinkedHashMap<>();
        t.errors.forEach((k, v) -> {
            if (k.startsWith("connect") || k.startsWith("join")) {
                connectErrors.put(k, v);
            }
        });
        out.put("connect", connect(t, connectErrors));

        double offered = plan.senders() == 0 ? 0 : plan.offeredPerSecond(plan.rate());
        out.put("offeredDeliveriesPerSecond", Math.round(offered));
        Map<String, Object> deliveries = new LinkedHashMap<>();
        deliveries.put("measured", t.deliveriesMeasured);
        // what arrived inside the window, whenever due: the throughput sustained, which falls
        // behind the offered rate when queues grow
        double perSecond = seconds > 0 ? t.arrivedInWindow / seconds : 0;
        deliveries.put("perSecond", Math.round(perSecond));
        deliveries.put("expected", expected);
        deliveries.put("received", received);
        deliveries.put("lost", Math.max(0, expected - received));
        deliveries.put("duplicated", t.duplicates);
        deliveries.put("reordered", t.reordered);
        deliveries.put("replayedOnResume", t.replayed);
        out.put("deliveries", deliveries);
        out.put("latencyMs", Percentiles.millis(t.latency));

        Map<String, Object> sends = new LinkedHashMap<>();
        sends.put("scheduled", t.scheduled);
        sends.put("sent", sentTotal);
        sends.put("accepted", accepted);
        sends.put("answeredWithError", sendErrorTotal);
        Map<String, Long> frameErrors = new LinkedHashMap<>();
        t.errors.forEach((k, v) -> {
            if (!connectErrors.containsKey(k)) {
                frameErrors.put(k, v);
            }
        });
        sends.put("errors", frameErrors);
        sends.put("lagMs", Percentiles.millis(t.sendLag));
        out.put("sends", sends);

        Map<String, Object> generator = new LinkedHashMap<>();
        generator.put("cpuSeconds", round(generatorCpu, 2));
        generator.put("cpuPercent", seconds > 0 ? round(generatorCpu / seconds * 100, 1) : 0);
        generator.put("loopLagMs", Percentiles.millis(t.loopLag));
        generator.put("gcPauses", gcCount);
        generator.put("gcMillis", gcMillis);
        double sendLagP99 = Percentiles.p99Millis(t.sendLag);
        double loopLagP99 = Percentiles.p99Millis(t.loopLag);
        boolean saturated = sendLagP99 > SATURATED_SEND_LAG_MS || loopLagP99 > SATURATED_LOOP_LAG_MS;
        generator.put("saturated", saturated);
        out.put("generator", generator);

        ServerFigures.addTo(out, servers.processes(), servers.start(), servers.end(), seconds, t.arrivedInWindow);
        if (settings.heap()) {
            out.put("idle", ServerFigures.idle(t, servers.processes(), servers.start(), servers.end(), seconds,
                    servers.heapBefore(), servers.heapMid(), servers.heapAfter()));
        }
        if (plan.storm()) {
            out.put("storm", storm(t));
        }
        if (plan.rampSteps() > 0) {
            out.put("ramp", ramp.section());
        }
        List<String> lossSample = new ArrayList<>();
        reports.forEach(r -> lossSample.addAll(r.lossSample()));
        if (!lossSample.isEmpty()) {
            deliveries.put("lossSample", lossSample);
        }
        if (expected > received) {
            // per sender: what it sent and what its room's members got, on average
            List<String> perSender = new ArrayList<>();
            for (int s = 0; s < plan.senders(); s++) {
                long m = members[plan.roomOf(s)];
                perSender.add(String.format(java.util.Locale.ROOT, "sender %d: sent %d, errors %d, received %.2f per member", s,
                        sent[s], sendErrors[s], m == 0 ? 0.0 : unique[s] / (double) m));
            }
            deliveries.put("perSender", perSender);
        }
        List<String> warnings = warnings(t, expected, received, sendLagP99, loopLagP99, saturated);
        if (gcCount > 0) {
            warnings.add(String.format(java.util.Locale.ROOT,
                    "the generator stopped for %d garbage collections (%d ms in all) while measuring: latency includes them",
                    gcCount, gcMillis));
        }
        out.put("warnings", warnings);
        return out;
    }

    private Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("conns", plan.conns());
        options.put("rooms", plan.rooms());
        options.put("senders", plan.senders());
        options.put("rate", plan.rate());
        options.put("size", plan.size());
        options.put("warmupSeconds", plan.warmupMicros() / 1e6);
        options.put("durationSeconds", plan.measuredMicros() / 1e6);
        options.put("connectRate", plan.connectRate());
        options.put("workers", settings.workers());
        options.put("clientIds", plan.clientIds());
        return options;
    }

    private static Map<String, Object> connect(Tallies t, Map<String, Long> connectErrors) {
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("attempted", t.attempted);
        connect.put("joined", t.joined);
        connect.put("failed", t.failed);
        connect.put("errors", connectErrors);
        connect.put("joinMs", Percentiles.millis(t.join));
        connect.put("welcomeMs", Percentiles.millis(t.welcome));
        connect.put("generatorLoopLagMs", Percentiles.millis(t.connectLoopLag));
        connect.put("nodes", t.nodes);
        return connect;
    }

    private static Map<String, Object> storm(Tallies t) {
        Map<String, Object> storm = new LinkedHashMap<>();
        storm.put("clients", t.dropped);
        storm.put("rejoined", t.rejoined);
        storm.put("secondsToAllJoined", t.rejoined == t.dropped && t.dropped > 0
                ? round(t.rejoin.getMaxValue() / 1e6, 2) : null);
        storm.put("rejoinMs", Percentiles.millis(t.rejoin));
        // of which the transport (TCP, upgrade through the gateway): the rest is the join itself
        storm.put("rewelcomeMs", Percentiles.millis(t.rewelcome));
        storm.put("errors", t.errors);
        return storm;
    }

    private static List<String> warnings(Tallies t, long expected, long received, double sendLagP99, double loopLagP99,
            boolean saturated) {
        List<String> warnings = new ArrayList<>();
        if (t.failed > 0) {
            warnings.add(t.failed + " of " + t.attempted + " connections never joined");
        }
        if (expected > received) {
            warnings.add((expected - received) + " deliveries lost");
        }
        if (t.duplicates > 0) {
            warnings.add(t.duplicates + " duplicated deliveries");
        }
        if (t.reordered > 0) {
            warnings.add(t.reordered + " deliveries out of order");
        }
        if (saturated) {
            warnings.add(String.format(java.util.Locale.ROOT,
                    "the generator fell behind (send lag p99 %.1f ms, loop lag p99 %.1f ms): latency includes it", sendLagP99,
                    loopLagP99));
        }
        t.errors.forEach((k, v) -> {
            if (!k.startsWith("connect") && !k.startsWith("join")) {
                warnings.add(v + " × " + k);
            }
        });
        return warnings;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
