package dev.chat.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chat.bench.proc.HeapProbe;
import dev.chat.bench.proc.ProcStat;
import dev.chat.bench.proc.Sample;
import dev.chat.bench.proc.ServerProcess;

/**
 * The servers' part of a scenario's result: CPU and RSS of every server process over the
 * measured window, deliveries per CPU-second, and for the idle scenario what one connection costs
 * each chat node (RSS and live heap before and after the connections, over their number).
 */
final class ServerFigures {

    private ServerFigures() {
    }

    /** Puts {@code processes} and, when anything arrived, {@code deliveriesPerCpuSecond} into {@code out}. */
    static void addTo(Map<String, Object> out, List<ServerProcess> servers, Sample start, Sample end, double seconds,
            long arrivedInWindow) {
        List<Map<String, Object>> processes = new ArrayList<>();
        double nodesAndRedis = 0, all = 0;
        for (ServerProcess p : servers) {
            double cpu = end.cpuSince(start, p.name());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", p.name());
            row.put("kind", p.kind());
            row.put("cpuSeconds", ResultMap.round(cpu, 2));
            row.put("cpuPercent", seconds > 0 ? ResultMap.round(cpu / seconds * 100, 1) : 0);
            row.put("rssMiB", ResultMap.round(end.rss(p.name()) / (1024.0 * 1024), 1));
            processes.add(row);
            all += cpu;
            if (p.kind().equals("chat-node") || p.kind().equals("redis")) {
                nodesAndRedis += cpu;
            }
        }
        out.put("processes", processes);
        if (!servers.isEmpty() && arrivedInWindow > 0) {
            // the work done inside the window over the CPU spent inside it
            Map<String, Object> efficiency = new LinkedHashMap<>();
            efficiency.put("nodesAndRedis", nodesAndRedis > 0 ? Math.round(arrivedInWindow / nodesAndRedis) : null);
            efficiency.put("allServers", all > 0 ? Math.round(arrivedInWindow / all) : null);
            out.put("deliveriesPerCpuSecond", efficiency);
        }
    }

    /** A chat node holds one per open connection (chat-node's hub). */
    static final String SESSION_CLASS = "dev.chat.node.hub.ClientSession";

    /** The idle scenario's {@code idle} object. */
    static Map<String, Object> idle(Tallies t, List<ServerProcess> servers, Sample start, Sample end, double seconds,
            Map<String, long[]> before, Map<String, long[]> mid, Map<String, long[]> after) {
        Map<String, Object> idle = new LinkedHashMap<>();
        idle.put("connections", t.joined);
        idle.put("refused", t.failed);
        idle.put("idleSeconds", ResultMap.round(seconds, 1));
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
            // What a node pays once lands mostly in the first half. Live heap only: the RSS of the
            // second half would undercount, since its objects go into old-generation pages the
            // first half's garbage had already made resident.
            row.put("heapBytesPerConnSecondHalf", marginal(mid.get(p.name()), a, 1));
            row.put("liveHeapMiB", a[1] >= 0 ? ResultMap.round(a[1] / (1024.0 * 1024), 1) : null);
            row.put("rssMiB", ResultMap.round(a[0] / (1024.0 * 1024), 1));
            row.put("cpuPercent", seconds > 0 ? ResultMap.round(end.cpuSince(start, p.name()) / seconds * 100, 2) : null);
            perNode.add(row);
        }
        idle.put("perNode", perNode);
        return idle;
    }

    /**
     * Bytes per connection between a probe taken while connecting and the one after
     * ({@code field}: 0 RSS, 1 live heap), over the sessions the node gained in between; null
     * unless that probe saw between a fifth and four fifths of the final sessions, so that the
     * span is a real share of the connections.
     */
    static Long marginal(long[] mid, long[] after, int field) {
        if (mid == null || after == null || mid[field] < 0 || after[field] < 0 || mid[2] < 0 || after[2] <= 0) {
            return null;
        }
        long gained = after[2] - mid[2];
        if (mid[2] * 5 < after[2] || gained * 5 < after[2]) {
            return null;
        }
        return (after[field] - mid[field]) / gained;
    }

    /** chat-node name → {rss bytes, live heap bytes after a full GC, live sessions}. */
    static Map<String, long[]> probeNodes(List<ServerProcess> servers) {
        Map<String, long[]> probes = new LinkedHashMap<>();
        for (ServerProcess p : servers) {
            if (p.kind().equals("chat-node")) {
                long pid = p.pids().get(0);
                HeapProbe.Live live = HeapProbe.live(pid, SESSION_CLASS);
                probes.put(p.name(), new long[] { ProcStat.rssBytes(pid), live.bytes(), live.instances() });
            }
        }
        return probes;
    }
}
