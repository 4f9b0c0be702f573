package dev.chat.bench.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The one line a run prints, and whether it lost nothing: read from the result map alone. */
public final class Summary {

    private Summary() {
    }

    public static String line(Map<String, Object> result) {
        Map<?, ?> connect = (Map<?, ?>) result.get("connect");
        Map<?, ?> deliveries = (Map<?, ?>) result.get("deliveries");
        Map<?, ?> latency = (Map<?, ?>) result.get("latencyMs");
        Map<?, ?> generator = (Map<?, ?>) result.get("generator");
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: %s/%s joined (join p50 %s ms, p99 %s ms); offered %s/s, delivered %s/s; lost %s, dup %s, reordered %s; latency p50 %s p99 %s p99.9 %s max %s ms",
                result.get("scenario"), connect.get("joined"), connect.get("attempted"),
                ((Map<?, ?>) connect.get("joinMs")).get("p50"), ((Map<?, ?>) connect.get("joinMs")).get("p99"),
                result.get("offeredDeliveriesPerSecond"), deliveries.get("perSecond"), deliveries.get("lost"),
                deliveries.get("duplicated"), deliveries.get("reordered"), latency.get("p50"), latency.get("p99"),
                latency.get("p999"), latency.get("max")));
        for (Object p : (List<?>) result.get("processes")) {
            Map<?, ?> row = (Map<?, ?>) p;
            sb.append("; ").append(row.get("name")).append(' ').append(row.get("cpuPercent")).append('%');
        }
        Map<?, ?> efficiency = (Map<?, ?>) result.get("deliveriesPerCpuSecond");
        if (efficiency != null) {
            sb.append("; ").append(efficiency.get("nodesAndRedis")).append(" deliveries per CPU-second (nodes+Redis)");
        }
        sb.append("; generator ").append(generator.get("cpuPercent")).append("% CPU, loop lag p99 ")
                .append(((Map<?, ?>) generator.get("loopLagMs")).get("p99")).append(" ms")
                .append(Boolean.TRUE.equals(generator.get("saturated")) ? " (SATURATED)" : "");
        Map<?, ?> storm = (Map<?, ?>) result.get("storm");
        if (storm != null) {
            sb.append("; storm: ").append(storm.get("rejoined")).append('/').append(storm.get("clients"))
                    .append(" back, all within ").append(storm.get("secondsToAllJoined")).append(" s");
        }
        Map<?, ?> idle = (Map<?, ?>) result.get("idle");
        if (idle != null) {
            for (Object n : (List<?>) idle.get("perNode")) {
                Map<?, ?> row = (Map<?, ?>) n;
                sb.append("; ").append(row.get("name")).append(": ").append(row.get("connections")).append(" conns, ")
                        .append(row.get("rssBytesPerConn")).append(" B RSS/conn, ").append(row.get("heapBytesPerConn"))
                        .append(" B heap/conn, ").append(row.get("cpuPercent")).append("% CPU idle");
            }
        }
        Map<?, ?> ramp = (Map<?, ?>) result.get("ramp");
        if (ramp != null) {
            sb.append("; ramp: last rate with p99 <= ").append(ramp.get("thresholdMs")).append(" ms: ")
                    .append(ramp.get("lastRateBelow")).append("/s per sender (")
                    .append(ramp.get("lastDeliveriesPerSecondBelow")).append(" deliveries/s)");
        }
        if (result.get("machine") instanceof Map<?, ?> machine && machine.get("speed") instanceof Map<?, ?> speed) {
            sb.append("; box: loopback round trip ").append(speed.get("loopbackRoundTripMicros"))
                    .append(" µs, first touch of a page ").append(speed.get("pageFaultMicros")).append(" µs");
        }
        return sb.toString();
    }

    /** Nothing lost, duplicated, or left outside; every stormed client back. */
    public static boolean clean(Map<String, Object> result) {
        Map<?, ?> connect = (Map<?, ?>) result.get("connect");
        Map<?, ?> deliveries = (Map<?, ?>) result.get("deliveries");
        boolean ok = ((Number) connect.get("failed")).longValue() == 0
                && ((Number) deliveries.get("lost")).longValue() == 0
                && ((Number) deliveries.get("duplicated")).longValue() == 0;
        Map<?, ?> storm = (Map<?, ?>) result.get("storm");
        if (storm != null) {
            ok &= ((Number) storm.get("rejoined")).longValue() == ((Number) storm.get("clients")).longValue();
        }
        return ok;
    }
}
