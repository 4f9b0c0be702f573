package dev.chat.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * "Where the CPU goes": a JFR recording of a chat node's execution samples, as shares of the
 * samples by area of code (the chat's own, Netty, Vert.x, Quarkus, the JDK, ...), the hottest
 * methods by their own time, and the chat's methods by time spent in or under them. Plain
 * counting of {@code jdk.ExecutionSample} events, so anyone can check it with {@code jfr print}.
 * Those samples see Java code only; the process's split between user space and the kernel
 * ({@code jdk.CPULoad}, once a second) comes first, since on loopback most of a chat node's CPU
 * is its socket system calls (bigroom, perf, 2026-12-07: 75 % kernel).
 */
public final class CpuProfile {

    /** Areas by package prefix, the first that matches wins. */
    static final Map<String, String> AREAS = new LinkedHashMap<>();
    static {
        AREAS.put("dev.chat.", "the chat's own code");
        AREAS.put("io.netty.", "Netty (sockets, WebSocket codec, buffers)");
        AREAS.put("io.vertx.redis.", "Vert.x Redis client");
        AREAS.put("io.vertx.", "Vert.x (HTTP, WebSocket, event loop)");
        AREAS.put("io.quarkus.websockets.", "websockets-next");
        AREAS.put("io.quarkus.", "Quarkus (other)");
        AREAS.put("io.smallrye.", "SmallRye / Mutiny");
        AREAS.put("com.fasterxml.jackson.", "Jackson (JSON)");
        AREAS.put("sun.nio.", "JDK NIO (system calls)");
        AREAS.put("java.", "JDK (other)");
        AREAS.put("jdk.", "JDK (other)");
        AREAS.put("sun.", "JDK (other)");
    }

    private final Map<String, Integer> byArea = new HashMap<>();
    private final Map<String, Integer> self = new HashMap<>();
    private final Map<String, Integer> ownInclusive = new HashMap<>();
    private int samples;
    private double userLoad;
    private double systemLoad;
    private int loads;
    private int hardwareThreads;

    public static CpuProfile read(Path jfr) throws IOException {
        CpuProfile profile = new CpuProfile();
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> {
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack != null) {
                            profile.add(names(stack.getFrames()));
                        }
                    }
                    // shares of the whole machine (all its hardware threads), once a second
                    case "jdk.CPULoad" -> profile.addLoad(event.getFloat("jvmUser"), event.getFloat("jvmSystem"));
                    case "jdk.CPUInformation" -> profile.hardwareThreads(event.getInt("hwThreads"));
                    default -> {
                    }
                }
            }
        }
        return profile;
    }

    private static List<String> names(List<RecordedFrame> frames) {
        List<String> names = new ArrayList<>(frames.size());
        for (RecordedFrame frame : frames) {
            // the JVM's generated lambda classes repeat the frame of the lambda's own method
            if (frame.isJavaFrame() && !frame.getMethod().getType().getName().contains("$$Lambda")) {
                names.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
            }
        }
        return names;
    }

    /** One sample: its frames, innermost first. */
    void add(List<String> frames) {
        if (frames.isEmpty()) {
            return;
        }
        samples++;
        String top = frames.get(0);
        self.merge(top, 1, Integer::sum);
        byArea.merge(area(top), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (String frame : frames) {
            if (frame.startsWith("dev.chat.") && seen.add(frame)) {
                ownInclusive.merge(frame, 1, Integer::sum);
            }
        }
    }

    /** One reading of the process's CPU: user and kernel time as shares (0..1) of the machine. */
    void addLoad(double user, double system) {
        userLoad += user;
        systemLoad += system;
        loads++;
    }

    void hardwareThreads(int threads) {
        hardwareThreads = threads;
    }

    /** The kernel's share (0..1) of the process's CPU over the readings; NaN without any. */
    public double kernelShare() {
        double total = userLoad + systemLoad;
        return loads == 0 || total == 0 ? Double.NaN : systemLoad / total;
    }

    static String area(String method) {
        for (Map.Entry<String, String> area : AREAS.entrySet()) {
            if (method.startsWith(area.getKey())) {
                return area.getValue();
            }
        }
        return "other";
    }

    public int samples() {
        return samples;
    }

    /** The samples' share (0..1) whose innermost frame is in that area. */
    public double share(String area) {
        return samples == 0 ? 0 : byArea.getOrDefault(area, 0) / (double) samples;
    }

    /** Markdown: the three tables, for docs/performance.md. */
    public String markdown(String title, int rows) {
        StringBuilder out = new StringBuilder();
        out.append(title).append(": ").append(samples).append(" execution samples of the node's Java threads.\n\n");
        if (!Double.isNaN(kernelShare())) {
            double cores = Math.max(1, hardwareThreads);
            out.append(String.format(Locale.ROOT,
                    "Over the recording the process used %.1f %% of one core on average, as the kernel accounts it "
                            + "(ticks, `jdk.CPULoad`): %.1f %% in user space (Java, compiled code, the collector) "
                            + "and %.1f %% in the kernel (mostly its socket system calls and loopback TCP), so the "
                            + "kernel had %.0f %% of its CPU. The samples below see the user-space Java part "
                            + "only.\n\n",
                    100 * cores * (userLoad + systemLoad) / loads, 100 * cores * userLoad / loads,
                    100 * cores * systemLoad / loads, 100 * kernelShare()));
        }
        table(out, "area (innermost frame)", byArea, Integer.MAX_VALUE);
        table(out, "hottest methods (own time)", self, rows);
        table(out, "the chat's methods (time in or under them)", ownInclusive, rows);
        return out.toString();
    }

    private void table(StringBuilder out, String header, Map<String, Integer> counts, int rows) {
        out.append("| ").append(header).append(" | share of samples |\n| --- | ---: |\n");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(rows)
                .forEach(e -> out.append("| `").append(e.getKey().replace("|", "\\|")).append("` | ")
                        .append(String.format(Locale.ROOT, "%.1f %%", 100.0 * e.getValue() / Math.max(1, samples)))
                        .append(" |\n"));
        out.append('\n');
    }
}
