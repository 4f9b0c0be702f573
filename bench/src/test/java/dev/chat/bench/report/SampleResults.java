package dev.chat.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Result files for the tests, written as the generator would: one full steady-load scenario,
 * the special scenarios with only their own sections, a saturated one, one with a hostile name
 * and one broken file, so each test reads a realistic, uneven set.
 */
final class SampleResults {

    static final String EVIL_NAME = "evil<script>&\"'|x";

    private SampleResults() {
    }

    static Path writeAfter(Path folder) throws IOException {
        Files.createDirectories(folder);
        write(folder, "c300", c300(12.0));
        write(folder, "c3000", """
                {"scenario":"c3000","startedAt":"2026-12-01T21:20:00Z",
                 "connect":{"attempted":3000,"joined":2990,"failed":10,"errors":{"timeout":10}},
                 "offeredDeliveriesPerSecond":180000.0,
                 "deliveries":{"perSecond":120500.0,"lost":3,"duplicated":null,"reordered":0},
                 "latencyMs":{"p50":40.0,"p90":120.0,"p99":250.4,"p999":900.0,"max":1500.0},
                 "generator":{"cpuPercent":99.0,"loopLagMs":{"p99":150.0},"saturated":true},
                 "warnings":["send lag p99 120 ms: the generator fell behind its schedule"]}
                """);
        write(folder, "idle", """
                {"scenario":"idle","startedAt":"2026-12-01T21:05:00Z",
                 "processes":[{"name":"chat-node-1","kind":"chat-node","cpuSeconds":0.4,"cpuPercent":1.5,"rssMiB":400.0}],
                 "idle":{"connections":20000,"refused":0,"idleSeconds":20,
                   "perNode":[{"name":"chat-node-1","connections":10000,"rssBytesPerConn":16000,"heapBytesPerConn":8900,
                               "heapBytesPerConnSecondHalf":8000,"cpuPercent":1.5},
                              {"name":"chat-node-2","connections":10000,"rssBytesPerConn":16000,"heapBytesPerConn":8900,
                               "heapBytesPerConnSecondHalf":8200,"cpuPercent":1.4}]}}
                """);
        write(folder, "storm", """
                {"scenario":"storm","startedAt":"2026-12-01T21:10:00Z",
                 "storm":{"clients":10000,"rejoined":10000,"secondsToAllJoined":4.2,
                   "rejoinMs":{"p50":300.0,"p99":3900.0,"max":4100.0},"rewelcomeMs":{"p50":120.0,"p99":900.0,"max":1000.0},"errors":{"unavailable":0}}}
                """);
        write(folder, "ramp", """
                {"scenario":"ramp","startedAt":"2026-12-01T21:15:00Z",
                 "ramp":{"thresholdMs":100,"lastRateBelow":40.0,"lastDeliveriesPerSecondBelow":36000,
                   "steps":[{"rate":20.0,"offeredDeliveriesPerSecond":18000,"deliveriesPerSecond":17990,"p50":2.0,"p99":9.0,"lost":0},
                            {"rate":80.0,"offeredDeliveriesPerSecond":72000,"deliveriesPerSecond":50000,"p50":90.0,"p99":450.0,"lost":7}]}}
                """);
        write(folder, "evil", """
                {"scenario":"evil<script>&\\"'|x","latencyMs":{"p50":1.0,"p99":3.0},
                 "processes":[{"name":"<proc&>","kind":"chat-node","cpuPercent":2.0}],
                 "warnings":["<b>bold</b> & | pipe"]}
                """);
        Files.writeString(folder.resolve("broken.json"), "{not json");
        Files.writeString(folder.resolve("notes.txt"), "not a result");
        return folder;
    }

    static Path writeBefore(Path folder) throws IOException {
        Files.createDirectories(folder);
        write(folder, "c300", c300(30.5).replace("abc1234", "old9999"));
        write(folder, "oldonly", "{\"scenario\":\"oldonly\",\"latencyMs\":{\"p99\":5.0}}");
        return folder;
    }

    static String c300(double p99) {
        return """
                {"scenario":"c300","label":"after","startedAt":"2026-12-01T21:00:00Z",
                 "machine":{"cores":2,"memoryGiB":23.4,"os":"Debian GNU/Linux 12","kernel":"6.1.0-28","java":"17.0.15","nginx":"1.22.1","redis":"7.0.15","commit":"abc1234","cpuModel":"Test CPU","speed":{"loopbackRoundTripMicros":97.3,"pageFaultMicros":4.88}},
                 "options":{"conns":300,"rooms":10,"senders":30,"rate":20.0,"size":100,"warmupSeconds":5,"durationSeconds":20,"connectRate":500,"workers":1},
                 "connect":{"attempted":300,"joined":300,"failed":0,"errors":{"timeout":0},"joinMs":{"p50":3.1,"p90":5.0,"p99":12.0,"p999":20.0,"max":25.0,"count":300}},
                 "offeredDeliveriesPerSecond":18000.0,
                 "deliveries":{"measured":360000,"perSecond":18000.0,"expected":450000,"received":450000,"lost":0,"duplicated":0,"reordered":0},
                 "latencyMs":{"p50":2.0,"p90":5.0,"p99":%s,"p999":40.0,"max":80.0,"count":360000},
                 "sends":{"scheduled":18000,"sent":18000,"accepted":18000,"errors":{"rate_limited":0},"lagMs":{"p50":0.1,"p99":1.0,"max":3.0}},
                 "generator":{"cpuSeconds":10.0,"cpuPercent":50.0,"loopLagMs":{"p99":2.0,"max":10.0},"saturated":false},
                 "processes":[{"name":"chat-node-1","kind":"chat-node","cpuSeconds":3.0,"cpuPercent":15.0,"rssMiB":210.5},
                              {"name":"chat-node-2","kind":"chat-node","cpuSeconds":2.9,"cpuPercent":14.5,"rssMiB":205.0},
                              {"name":"redis","kind":"redis","cpuSeconds":4.0,"cpuPercent":20.0,"rssMiB":12.0},
                              {"name":"gateway","kind":"nginx","cpuSeconds":1.0,"cpuPercent":5.0,"rssMiB":8.0},
                              {"name":"room-registry","kind":"registry","cpuSeconds":0.2,"cpuPercent":1.0,"rssMiB":150.0}],
                 "deliveriesPerCpuSecond":{"nodesAndRedis":15000.0,"allServers":12000.0},
                 "futureField":{"anything":[1,2,3]}}
                """.formatted(p99);
    }

    private static void write(Path folder, String name, String json) throws IOException {
        Files.writeString(folder.resolve(name + ".json"), json);
    }
}
