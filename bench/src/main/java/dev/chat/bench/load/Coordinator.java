package dev.chat.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.chat.bench.proc.ClusterProcesses;
import dev.chat.bench.proc.HeapProbe;
import dev.chat.bench.proc.ProcStat;
import dev.chat.bench.proc.Sample;
import dev.chat.bench.proc.ServerProcess;

/**
 * Runs one scenario: starts the worker processes, lets them connect, gives them a common start,
 * samples the servers over the measured part only, stops a ramp at its threshold, and merges what
 * the workers report into the scenario's result (the JSON that bench/results and
 * docs/performance.md are made of).
 */
public final class Coordinator {

    /** Send lag or loop lag above these: the generator could not keep its own schedule. */
    static final double SATURATED_SEND_LAG_MS = 10;
    static final double SATURATED_LOOP_LAG_MS = 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What the coordinator needs besides the plan. */
    public record Settings(String scenario, String label, int workers, int loops, List<String> workerJvmOptions,
            Path clusterDir, boolean heap, double rampThresholdMs, Map<String, String> meta, Path out) {
    }

    private final Plan plan;
    private final Settings settings;

    public Coordinator(Plan plan, Settings settings) {
        this.plan = plan;
        this.settings = settings;
    }

    /** Runs the scenario and returns its result (also written to {@code settings.out}). */
    public Map<String, Object> run() throws Exception {
        String startedAt = Instant.now().toString();
        List<ServerProcess> servers = settings.clusterDir() == null ? List.of()
                : ClusterProcesses.in(settings.clusterDir());
        Map<String, long[]> heapBefore = settings.heap() ? probeNodes(servers) : Map.of();
        Tallies total = new Tallies(plan.rampSteps());
        List<WorkerReport> reports = new ArrayList<>();
        List<Map<String, Object>> steps = new ArrayList<>();
        Map<String, long[]> heapAfter = Map.of();
        Sample start, end;
        double coordinatorCpuStart;
        try (WorkerProcesses workers = new WorkerProcesses(settings.workers(), settings.workerJvmOptions(),
                List.of("--plan", new ObjectMapper().writeValueAsString(plan), "--loops",
                        Integer.toString(settings.loops())))) {
            long connectLimitMillis = (long) (plan.conns() / plan.connectRate() * 1000) + plan.joinTimeoutMillis()
                    + 90_000;
            long joined = 0, failed = 0;
            int ready = 0;
            long deadline = System.currentTimeMillis() + connectLimitMillis;
            while (ready < workers.size()) {
                WorkerProcesses.Line line = workers.next(deadline - System.currentTimeMillis());
                if (line == null || line.text() == null) {
                    throw new IllegalStateException(line == null ? "workers did not connect in time"
                            : "worker " + line.worker() + " exited while connecting");
                }
                if (line.text().startsWith("READY ")) {
                    String[] parts = line.text().split(" ");
                    joined += Long.parseLong(parts[1]);
                    failed += Long.parseLong(parts[2]);
                    ready++;
                }
            }
            System.err.printf("[bench] %s: %d joined, %d failed; starting%n", settings.scenario(), joined, failed);
            if (settings.heap()) {
                heapAfter = probeNodes(servers);
            }
            long t0 = Clock.micros() + 1_000_000;
            workers.tellAll("GO " + t0);
            long measureStart = t0 + plan.warmupMicros();
            long measureEnd = measureStart + plan.measuredMicros();
            waitLines(workers, measureStart, steps);
            start = Sample.take(servers);
            coordinatorCpuStart = ownCpuSeconds();
            long stoppedAt = waitLines(workers, measureEnd, steps);
            end = Sample.take(servers);
            double measuredSeconds = (Math.min(stoppedAt, measureEnd) - measureStart) / 1e6;
            long resultDeadline = System.currentTimeMillis() + 90_000;
            while (reports.size() < workers.size()) {
                WorkerProcesses.Line line = workers.next(resultDeadline - System.currentTimeMillis());
                if (line == null || line.text() == null) {
                    throw new IllegalStateException("a worker ended without its result");
                }
                if (line.text().startsWith("RESULT ")) {
                    reports.add(new ObjectMapper().readValue(line.text().substring(7), WorkerReport.class));
                } else {
                    stepLine(line, workers, steps);
                }
            }
            reports.forEach(r -> r.addTo(total));
            Map<String, Object> result = result(startedAt, total, reports, servers, start, end, measuredSeconds,
                    heapBefore, heapAfter, steps, ownCpuSeconds() - coordinatorCpuStart);
            if (settings.out() != null) {
                Files.createDirectories(settings.out().toAbsolutePath().getParent());
                JSON.writeValue(settings.out().toFile(), result);
            }
            return result;
        }
    }

    // ---------------------------------------------------------------------------------- ramp steps

    private final Map<Integer, List<String[]>> stepParts = new LinkedHashMap<>();
    private long stoppedAtMicros = Long.MAX_VALUE;

    /** Reads lines until {@code untilMicros} (or a STOP); returns when sending stopped. */
    private long waitLines(WorkerProcesses workers, long untilMicros, List<Map<String, Object>> steps)
            throws InterruptedException {
        while (Clock.micros() < untilMicros && stoppedAtMicros == Long.MAX_VALUE) {
            WorkerProcesses.Line line = workers.next((untilMicros - Clock.micros()) / 1000 + 1);
            if (line != null) {
                if (line.text() == null) {
                    throw new IllegalStateException("worker " + line.worker() + " exited during the run");
                }
                stepLine(line, workers, steps);
            }
        }
        return Math.min(stoppedAtMicros, Clock.micros());
    }

    private void stepLine(WorkerProcesses.Line line, WorkerProcesses workers, List<Map<String, Object>> steps) {
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
        step.put("rate", round(rate, 2));
        step.put("offeredDeliveriesPerSecond", Math.round(offeredPerSecond(rate)));
        step.put("deliveriesPerSecond", Math.round(deliveries / (plan.stepMicros() / 1e6)));
        Map<String, Object> ms = Percentiles.millis(merged);
        step.put("p50", ms.get("p50"));
        step.put("p99", ms.get("p99"));
        step.put("max", ms.get("max"));
        steps.add(step);
        double p99 = Percentiles.p99Millis(merged);
        System.err.printf("[bench] ramp step %d: %.1f msg/s per sender, %d deliveries/s, p99 %.1f ms%n", k, rate,
                deliveries * 1_000_000 / plan.stepMicros(), p99);
        if (p99 > settings.rampThresholdMs() && stoppedAtMicros == Long.MAX_VALUE) {
            stoppedAtMicros = Clock.micros();
            workers.tellAll("STOP");
        }
    }

    // -------------------------------------------------------------------------------------- result

    private double offeredPerSecond(double rate) {
        double offered = 0;
        for (int r = 0; r < plan.rooms(); r++) {
            offered += plan.sendersIn(r) * rate * membersPlanned(r);
        }
        return offered;
    }

    private long membersPlanned(int room) {
        return room >= plan.conns() ? 0 : (plan.conns() - room + plan.rooms() - 1) / plan.rooms();
    }

    private Map<String, Object> result(String startedAt, Tallies t, List<WorkerReport> reports,
            List<ServerProcess> servers, Sample start, Sample end, double seconds, Map<String, long[]> heapBefore,
            Map<String, long[]> heapAfter, List<Map<String, Object>> steps, double coordinatorCpu) {
        long[] members = new long[plan.rooms()];
        long[] sent = new long[plan.senders()], sendErrors = new long[plan.senders()], unique = new long[plan.senders()];
        double generatorCpu = coordinatorCpu;
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
        out.put("machine", Machine.describe(settings.meta()));
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
        out.put("options", options);

        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("attempted", t.attempted);
        connect.put("joined", t.joined);
        connect.put("failed", t.failed);
        Map<String, Long> connectErrors = new LinkedHashMap<>();
        t.errors.forEach((k, v) -> {
            if (k.startsWith("connect") || k.startsWith("join")) {
                connectErrors.put(k, v);
            }
        });
        connect.put("errors", connectErrors);
        connect.put("joinMs", Percentiles.millis(t.join));
        connect.put("welcomeMs", Percentiles.millis(t.welcome));
        connect.put("generatorLoopLagMs", Percentiles.millis(t.connectLoopLag));
        connect.put("nodes", t.nodes);
        out.put("connect", connect);

        double offered = plan.senders() == 0 ? 0 : offeredPerSecond(plan.rate());
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
        double sendLagP99 = Percentiles.p99Millis(t.sendLag);
        double loopLagP99 = Percentiles.p99Millis(t.loopLag);
        boolean saturated = sendLagP99 > SATURATED_SEND_LAG_MS || loopLagP99 > SATURATED_LOOP_LAG_MS;
        generator.put("saturated", saturated);
        out.put("generator", generator);

        List<Map<String, Object>> processes = new ArrayList<>();
        double nodesAndRedis = 0, all = 0;
        for (ServerProcess p : servers) {
            double cpu = end.cpuSince(start, p.name());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", p.name());
            row.put("kind", p.kind());
            row.put("cpuSeconds", round(cpu, 2));
            row.put("cpuPercent", seconds > 0 ? round(cpu / seconds * 100, 1) : 0);
            row.put("rssMiB", round(end.rss(p.name()) / (1024.0 * 1024), 1));
            processes.add(row);
            all += cpu;
            if (p.kind().equals("chat-node") || p.kind().equals("redis")) {
                nodesAndRedis += cpu;
            }
        }
        out.put("processes", processes);
        if (!servers.isEmpty() && t.arrivedInWindow > 0) {
            // the work done inside the window over the CPU spent inside it
            Map<String, Object> efficiency = new LinkedHashMap<>();
            efficiency.put("nodesAndRedis", nodesAndRedis > 0 ? Math.round(t.arrivedInWindow / nodesAndRedis) : null);
            efficiency.put("allServers", all > 0 ? Math.round(t.arrivedInWindow / all) : null);
            out.put("deliveriesPerCpuSecond", efficiency);
        }
        if (settings.heap()) {
            out.put("idle", idle(t, servers, start, end, seconds, heapBefore, heapAfter));
        }
        if (plan.storm()) {
            Map<String, Object> storm = new LinkedHashMap<>();
            storm.put("clients", t.dropped);
            storm.put("rejoined", t.rejoined);
            storm.put("secondsToAllJoined", t.rejoined == t.dropped && t.dropped > 0
                    ? round(t.rejoin.getMaxValue() / 1e6, 2) : null);
            storm.put("rejoinMs", Percentiles.millis(t.rejoin));
            storm.put("errors", t.errors);
            out.put("storm", storm);
        }
        if (plan.rampSteps() > 0) {
            Map<String, Object> ramp = new LinkedHashMap<>();
            ramp.put("thresholdMs", settings.rampThresholdMs());
            ramp.put("steps", steps);
            Map<String, Object> lastBelow = null;
            for (Map<String, Object> step : steps) {
                if (((Number) step.getOrDefault("p99", 0.0)).doubleValue() <= settings.rampThresholdMs()) {
                    lastBelow = step;
                } else {
                    break;
                }
            }
            ramp.put("lastRateBelow", lastBelow == null ? null : lastBelow.get("rate"));
            ramp.put("lastDeliveriesPerSecondBelow", lastBelow == null ? null : lastBelow.get("deliveriesPerSecond"));
            ramp.put("reachedThreshold", stoppedAtMicros != Long.MAX_VALUE);
            out.put("ramp", ramp);
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
        out.put("warnings", warnings(t, expected, received, sendLagP99, loopLagP99, saturated));
        return out;
    }

    private Map<String, Object> idle(Tallies t, List<ServerProcess> servers, Sample start, Sample end, double seconds,
            Map<String, long[]> before, Map<String, long[]> after) {
        Map<String, Object> idle = new LinkedHashMap<>();
        idle.put("connections", t.joined);
        idle.put("refused", t.failed);
        idle.put("idleSeconds", round(seconds, 1));
        List<Map<String, Object>> perNode = new ArrayList<>();
        for (ServerProcess p : servers) {
            if (!p.kind().equals("chat-node") || !before.containsKey(p.name()) || !after.containsKey(p.name())) {
                continue;
            }
            long conns = t.nodes.getOrDefault("node-" + p.name().replaceAll(".*-", ""), 0L);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", p.name());
            row.put("connections", conns);
            long[] b = before.get(p.name()), a = after.get(p.name());
            row.put("rssBytesPerConn", conns > 0 ? (a[0] - b[0]) / conns : null);
            row.put("heapBytesPerConn", conns > 0 && a[1] >= 0 && b[1] >= 0 ? (a[1] - b[1]) / conns : null);
            row.put("liveHeapMiB", a[1] >= 0 ? round(a[1] / (1024.0 * 1024), 1) : null);
            row.put("rssMiB", round(a[0] / (1024.0 * 1024), 1));
            row.put("cpuPercent", seconds > 0 ? round(end.cpuSince(start, p.name()) / seconds * 100, 2) : null);
            perNode.add(row);
        }
        idle.put("perNode", perNode);
        return idle;
    }

    private List<String> warnings(Tallies t, long expected, long received, double sendLagP99, double loopLagP99,
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

    /** chat-node name → {rss bytes, live heap bytes after a full GC}. */
    private static Map<String, long[]> probeNodes(List<ServerProcess> servers) {
        Map<String, long[]> probes = new LinkedHashMap<>();
        for (ServerProcess p : servers) {
            if (p.kind().equals("chat-node")) {
                long pid = p.pids().get(0);
                long heap = HeapProbe.liveBytes(pid);
                probes.put(p.name(), new long[] { ProcStat.rssBytes(pid), heap });
            }
        }
        return probes;
    }

    private static double ownCpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : 0;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

}
