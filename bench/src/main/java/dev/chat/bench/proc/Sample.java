package dev.chat.bench.proc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CPU seconds and RSS of every server process at one instant; two samples make a window. */
public record Sample(long atNanos, Map<String, double[]> byName) {

    /** {@code byName}: name → {cpu seconds, rss bytes} summed over the process's pids. */
    public static Sample take(List<ServerProcess> processes) {
        Map<String, double[]> values = new LinkedHashMap<>();
        for (ServerProcess p : processes) {
            double cpu = 0, rss = 0;
            for (long pid : p.pids()) {
                cpu += Math.max(0, ProcStat.cpuSeconds(pid));
                rss += Math.max(0, ProcStat.rssBytes(pid));
            }
            values.put(p.name(), new double[] { cpu, rss });
        }
        return new Sample(System.nanoTime(), values);
    }

    public double cpuSince(Sample start, String name) {
        return byName.get(name)[0] - start.byName.get(name)[0];
    }

    public double rss(String name) {
        return byName.get(name)[1];
    }
}
