package dev.chat.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's CPU time and resident memory from /proc, the way {@code top} does: CPU from
 * {@code stat} (user + system, in clock ticks), RSS from {@code status}.
 */
public final class ProcStat {

    /** USER_HZ: 100 on every Linux architecture the JDK runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcStat() {
    }

    /** CPU seconds (user + system) of a live process; -1 when it is gone. */
    public static double cpuSeconds(long pid) {
        try {
            return cpuSecondsOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            return -1;
        }
    }

    /** Parses a {@code /proc/PID/stat} line: fields 14 and 15 after the command in parentheses. */
    static double cpuSecondsOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** Resident set size in bytes; -1 when the process is gone. */
    public static long rssBytes(long pid) {
        try {
            return rssOf(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return -1;
        }
    }

    static long rssOf(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /** Open file descriptors of a live process (a server's sockets among them); -1 when it is gone. */
    public static long openFiles(long pid) {
        try (var entries = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return entries.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The parent pid, or -1. */
    public static long parentOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
