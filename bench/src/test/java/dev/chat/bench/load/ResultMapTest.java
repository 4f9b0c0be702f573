package dev.chat.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.chat.bench.proc.Sample;
import dev.chat.bench.proc.ServerProcess;

/** The scenario's result as bench/results holds it: which keys, in which order, and what was owed against what came. */
class ResultMapTest {

    private static Plan plan(boolean storm, int rampSteps) {
        // 10 connections in 2 rooms (5 each), senders 0 and 1 (one per room)
        return new Plan("run", "ws://x/ws", 10, List.of("a", "b"), 2, 10, 100, true, 1_000_000, 5_000_000, 100, 1000,
                storm, 500, 0, rampSteps, 2.0, 1_000_000, 0);
    }

    private static Coordinator.Settings settings(boolean heap) {
        return new Coordinator.Settings("c10", "after", 1, 2, List.of(), null, heap, 100, Map.of("chatNodes", "3"), null);
    }

    /** One worker that sent 10 and 8 (2 refused) and whose members got sender 0's 10 × 5 and sender 1's 6 × 5 of 6 × 5. */
    private static WorkerReport report(int rampSteps) {
        Tallies t = new Tallies(rampSteps);
        t.attempted = 10;
        t.joined = 10;
        t.arrivedInWindow = 80;
        t.errors.put("connect: HTTP 502", 1L);
        t.errors.put("error frame: busy", 2L);
        return WorkerReport.of(t, new long[] { 10, 8 }, new long[] { 0, 2 }, new long[] { 50, 30 },
                new long[] { 5, 5 }, 1.5, 0, 0, List.of());
    }

    private static Map<String, Object> build(Plan plan, boolean heap) {
        Tallies total = new Tallies(plan.rampSteps());
        WorkerReport report = report(plan.rampSteps());
        report.addTo(total);
        List<ServerProcess> servers = List.of(new ServerProcess("redis", "redis", List.of(ProcessHandle.current().pid())));
        Sample sample = Sample.take(servers);
        return new ResultMap(plan, settings(heap), null).build("2026-12-04T00:00:00Z", total, List.of(report),
                new ResultMap.Servers(servers, sample, Sample.take(servers), Map.of(), Map.of()), 5.0,
                new RampSteps(plan, 100), 0.5);
    }

    @Test
    void keysComeInTheOrderOfTheResultFiles() {
        Map<String, Object> result = build(plan(false, 0), false);
        assertEquals(List.of("scenario", "label", "startedAt", "machine", "options", "connect",
                "offeredDeliveriesPerSecond", "deliveries", "latencyMs", "sends", "generator", "processes",
                "deliveriesPerCpuSecond", "warnings"), List.copyOf(result.keySet()));
        assertEquals(List.of("conns", "rooms", "senders", "rate", "size", "warmupSeconds", "durationSeconds",
                "connectRate", "workers", "clientIds"), List.copyOf(section(result, "options").keySet()));
        assertEquals(List.of("attempted", "joined", "failed", "errors", "joinMs", "welcomeMs", "generatorLoopLagMs",
                "nodes"), List.copyOf(section(result, "connect").keySet()));
        assertEquals(List.of("measured", "perSecond", "expected", "received", "lost", "duplicated", "reordered",
                "replayedOnResume"), List.copyOf(section(result, "deliveries").keySet()));
    }

    @Test
    void owedIsWhatWasAcceptedTimesTheMembersAtTheEnd() {
        Map<String, Object> result = build(plan(false, 0), false);
        Map<String, Object> deliveries = section(result, "deliveries");
        assertEquals(80L, deliveries.get("expected"), "(10 + 6) accepted × 5 members");
        assertEquals(80L, deliveries.get("received"));
        assertEquals(0L, deliveries.get("lost"));
        assertEquals(16L, deliveries.get("perSecond"), "80 in a window of 5 s");
        // 2 senders × 10/s × 5 members planned per room
        assertEquals(100L, result.get("offeredDeliveriesPerSecond"));
        Map<String, Object> sends = section(result, "sends");
        assertEquals(18L, sends.get("sent"));
        assertEquals(16L, sends.get("accepted"));
        assertEquals(Map.of("error frame: busy", 2L), sends.get("errors"));
        assertEquals(Map.of("connect: HTTP 502", 1L), section(result, "connect").get("errors"));
        assertEquals(40.0, section(result, "generator").get("cpuPercent"), "(1.5 + 0.5) CPU-s over 5 s");
        assertEquals(List.of("2 × error frame: busy"), result.get("warnings"));
    }

    @Test
    void aLossIsExplainedPerSender() {
        Plan plan = plan(false, 0);
        Tallies total = new Tallies(0);
        WorkerReport lossy = WorkerReport.of(total, new long[] { 10, 8 }, new long[] { 0, 2 }, new long[] { 49, 30 },
                new long[] { 5, 5 }, 1.5, 0, 0, List.of("client 7 on node-1, room 0, missing sender 0: 4-4"));
        lossy.addTo(total);
        Map<String, Object> result = new ResultMap(plan, settings(false), null).build("t", total, List.of(lossy),
                new ResultMap.Servers(List.of(), null, null, Map.of(), Map.of()), 5.0, new RampSteps(plan, 100), 0);
        Map<String, Object> deliveries = section(result, "deliveries");
        assertEquals(1L, deliveries.get("lost"));
        assertEquals(List.of("measured", "perSecond", "expected", "received", "lost", "duplicated", "reordered",
                "replayedOnResume", "lossSample", "perSender"), List.copyOf(deliveries.keySet()));
        assertEquals(List.of("sender 0: sent 10, errors 0, received 9.80 per member",
                "sender 1: sent 8, errors 2, received 6.00 per member"), deliveries.get("perSender"));
        assertEquals(List.of("1 deliveries lost"), result.get("warnings"));
    }

    @Test
    void theGeneratorsOwnCollectionsAreCountedAndWarnedOf() {
        Plan plan = plan(false, 0);
        Tallies total = new Tallies(0);
        List<WorkerReport> workers = List.of(
                WorkerReport.of(total, new long[] { 10, 8 }, new long[] { 0, 2 }, new long[] { 50, 30 }, new long[] { 5, 5 },
                        1.5, 2, 130, List.of()),
                WorkerReport.of(total, new long[2], new long[2], new long[2], new long[2], 1.0, 1, 40, List.of()));
        workers.forEach(w -> w.addTo(total));
        Map<String, Object> result = new ResultMap(plan, settings(false), null).build("t", total, workers,
                new ResultMap.Servers(List.of(), null, null, Map.of(), Map.of()), 5.0, new RampSteps(plan, 100), 0);
        Map<String, Object> generator = section(result, "generator");
        assertEquals(3L, generator.get("gcPauses"));
        assertEquals(170L, generator.get("gcMillis"));
        assertEquals(List.of("the generator stopped for 3 garbage collections (170 ms in all) while measuring: latency includes them"),
                result.get("warnings"));
    }

    @Test
    void stormAndRampAndIdleAddTheirPartsAfterTheServers() {
        List<String> storm = List.copyOf(build(plan(true, 0), false).keySet());
        assertTrue(storm.indexOf("storm") == storm.indexOf("warnings") - 1, storm.toString());
        List<String> ramp = List.copyOf(build(plan(false, 3), false).keySet());
        assertTrue(ramp.indexOf("ramp") == ramp.indexOf("warnings") - 1, ramp.toString());
        List<String> idle = List.copyOf(build(plan(false, 0), true).keySet());
        assertTrue(idle.indexOf("idle") == idle.indexOf("deliveriesPerCpuSecond") + 1, idle.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> result, String key) {
        return (Map<String, Object>) result.get(key);
    }
}
