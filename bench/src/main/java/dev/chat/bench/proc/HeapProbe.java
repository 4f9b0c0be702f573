package dev.chat.bench.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The live heap of a JVM after a full GC, through {@code jcmd PID GC.class_histogram} (which runs
 * a full collection first and ends with the total of live bytes), and how many live instances of
 * one class it holds (a chat node's sessions: its connections at that moment).
 */
public final class HeapProbe {

    private HeapProbe() {
    }

    /** Live heap bytes and live instances of {@code className}; -1 for what could not be read. */
    public record Live(long bytes, long instances) {
    }

    /** Live heap bytes, or -1 when jcmd is missing or the JVM did not answer within a minute. */
    public static long liveBytes(long pid) {
        return live(pid, "").bytes();
    }

    /** After a full GC: live heap bytes and live instances of {@code className}. */
    public static Live live(long pid, String className) {
        try {
            Process jcmd = new ProcessBuilder(jcmd(), Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
                    .start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                return new Live(-1, -1);
            }
            return new Live(totalOf(output), instancesOf(output, className));
        } catch (IOException e) {
            return new Live(-1, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Live(-1, -1);
        }
    }

    /** A histogram's instance count of {@code className} ({@code  12:  4000  256000  a.B}); -1 when absent. */
    static long instancesOf(String histogram, String className) {
        for (String line : histogram.split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length >= 4 && cells[0].endsWith(":") && cells[3].equals(className)) {
                return Long.parseLong(cells[1]);
            }
        }
        return -1;
    }

    /** The last line of a class histogram: {@code Total <instances> <bytes>}. */
    static long totalOf(String histogram) {
        String[] lines = histogram.strip().split("\n");
        String[] last = lines[lines.length - 1].trim().split("\\s+");
        if (last.length < 3 || !last[0].equals("Total")) {
            return -1;
        }
        return Long.parseLong(last[2]);
    }

    private static String jcmd() {
        String home = System.getProperty("java.home");
        java.nio.file.Path beside = java.nio.file.Path.of(home, "bin", "jcmd");
        return java.nio.file.Files.isExecutable(beside) ? beside.toString() : "jcmd";
    }
}
