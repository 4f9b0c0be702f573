package dev.chat.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.chat.bench.proc.ClusterProcesses;
import dev.chat.bench.proc.Sample;
import dev.chat.bench.proc.ServerProcess;

/**
 * Runs one scenario: starts the worker processes, lets them connect, gives them a common start,
 * samples the servers over the measured part only, stops a ramp at its threshold
 * ({@link RampSteps}), and merges what the workers report into the scenario's result
 * ({@link ResultMap}: the JSON that bench/results and docs/performance.md are made of).
 */
public final class Coordinator {

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
        // before any worker starts: the servers are idle, nothing else of the run competes
        BoxSpeed speed = BoxSpeed.measure();
        List<ServerProcess> servers = settings.clusterDir() == null ? List.of()
                : ClusterProcesses.in(settings.clusterDir());
        Map<String, long[]> heapBefore = settings.heap() ? ServerFigures.probeNodes(servers) : Map.of();
        Tallies total = new Tallies(plan.rampSteps());
        List<WorkerReport> reports = new ArrayList<>();
        RampSteps ramp = new RampSteps(plan, settings.rampThresholdMs());
        Map<String, long[]> heapMid = Map.of();
        Map<String, long[]> heapAfter = Map.of();
        Sample start, end;
        double coordinatorCpuStart;
        try (WorkerProcesses workers = new WorkerProcesses(settings.workers(), settings.workerJvmOptions(),
                List.of("--plan", new ObjectMapper().writeValueAsString(plan), "--loops",
                        Integer.toString(settings.loops())))) {
            MidwayProbe midway = settings.heap() ? new MidwayProbe(servers, plan.conns(), connectLimitMillis()) : null;
            awaitReady(workers);
            if (midway != null) {
                heapMid = midway.finish();
                heapAfter = ServerFigures.probeNodes(servers);
            }
            long t0 = Clock.micros() + 1_000_000;
            workers.tellAll("GO " + t0);
            long measureStart = t0 + plan.warmupMicros();
            long measureEnd = measureStart + plan.measuredMicros();
            ramp.waitLines(workers, measureStart);
            start = Sample.take(servers);
            coordinatorCpuStart = ownCpuSeconds();
            long stoppedAt = ramp.waitLines(workers, measureEnd);
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
                    ramp.stepLine(line, workers);
                }
            }
            reports.forEach(r -> r.addTo(total));
            Map<String, Object> result = new ResultMap(plan, settings, speed).build(startedAt, total, reports,
                    new ResultMap.Servers(servers, start, end, heapBefore, heapMid, heapAfter), measuredSeconds, ramp,
                    ownCpuSeconds() - coordinatorCpuStart);
            if (settings.out() != null) {
                Files.createDirectories(settings.out().toAbsolutePath().getParent());
                JSON.writeValue(settings.out().toFile(), result);
            }
            return result;
        }
    }

    /** Waits for every worker's READY (all its connections joined or given up) and says how many joined. */
    private void awaitReady(WorkerProcesses workers) throws InterruptedException {
        long joined = 0, failed = 0;
        int ready = 0;
        long deadline = System.currentTimeMillis() + connectLimitMillis();
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
    }

    private long connectLimitMillis() {
        return (long) (plan.conns() / plan.connectRate() * 1000) + plan.joinTimeoutMillis() + 90_000;
    }

    private static double ownCpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : 0;
    }
}
