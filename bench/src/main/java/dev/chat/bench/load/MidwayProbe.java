package dev.chat.bench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.chat.bench.proc.ProcStat;
import dev.chat.bench.proc.ServerProcess;

/**
 * Probes the chat nodes' memory once while the connections are still opening, when the nodes'
 * open sockets have grown by about half of them: the live heap a connection adds from there on
 * leaves out what a node pays once on its heap (caches and metadata the connect path fills on
 * first use), which the figure from zero spreads over every connection. Watches file
 * descriptors every 250 ms, so it costs nothing until it probes.
 */
final class MidwayProbe implements Runnable {

    private static final long POLL_MILLIS = 250;

    private final List<ServerProcess> nodes;
    private final long target;
    private final long deadlineMillis;
    private final Map<String, Long> baseline = new LinkedHashMap<>();
    private volatile boolean stopped;
    private volatile Map<String, long[]> probes = Map.of();
    private final Thread thread;

    /** Starts watching: probes when the nodes hold {@code conns / 2} more sockets than now. */
    MidwayProbe(List<ServerProcess> servers, int conns, long timeoutMillis) {
        this.nodes = servers.stream().filter(p -> p.kind().equals("chat-node")).toList();
        this.target = conns / 2;
        this.deadlineMillis = System.currentTimeMillis() + timeoutMillis;
        nodes.forEach(p -> baseline.put(p.name(), ProcStat.openFiles(p.pids().get(0))));
        this.thread = new Thread(this, "midway-probe");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (!stopped && System.currentTimeMillis() < deadlineMillis) {
                if (gained() >= target) {
                    probes = ServerFigures.probeNodes(nodes);
                    return;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long gained() {
        long sum = 0;
        for (ServerProcess p : nodes) {
            sum += Math.max(0, ProcStat.openFiles(p.pids().get(0)) - baseline.get(p.name()));
        }
        return sum;
    }

    /** Stops watching (waiting for a probe under way) and gives what it took: empty when it never probed. */
    Map<String, long[]> finish() throws InterruptedException {
        stopped = true;
        thread.join(120_000);
        return probes;
    }
}
