package dev.chat.bench.load;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * One generator process: holds its share of the connections (connection {@code i} belongs to
 * worker {@code i % workers}), so that no process runs out of file descriptors, and follows the
 * coordinator's line protocol on stdin/stdout:
 *
 * <pre>
 * worker → READY joined failed            every connection joined or gave up
 * coord  → GO t0EpochMicros               the common start
 * worker → STEP k histogram deliveries     a ramp step is over (ramp runs only)
 * coord  → STOP                           the ramp passed its threshold: no more sends
 * worker → RESULT {json}                  the end
 * </pre>
 *
 * Its event loops are reached through {@link LoopGroup}; what it reports at the end is summed by
 * {@link WorkerResults}.
 */
public final class Worker {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STEP_GRACE_MICROS = 1_000_000;
    private static final int WARM_UP_CLIENTS = 400;
    private static final double WARM_UP_RATE = 400;

    private final Plan plan;
    private final int workerIndex;
    private final int workers;
    private final int loopCount;
    private final PrintStream out;
    private final LoopGroup loops;
    private Vertx vertx;

    public Worker(Plan plan, int workerIndex, int workers, int loopCount, PrintStream out) {
        this.plan = plan;
        this.workerIndex = workerIndex;
        this.workers = workers;
        this.loopCount = loopCount;
        this.out = out;
        this.loops = new LoopGroup(plan);
    }

    public void run(BufferedReader in) throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loopCount).setWorkerPoolSize(1).setPreferNativeTransport(true)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        try {
            warmUp();
            connect();
            String go = in.readLine();
            if (go == null || !go.startsWith("GO ")) {
                throw new IllegalStateException("expected GO, got " + go);
            }
            long t0 = Long.parseLong(go.substring(3).trim());
            Thread stopper = new Thread(() -> listenForStop(in), "stop-listener");
            stopper.setDaemon(true);
            stopper.start();
            measure(t0);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A fresh JVM runs its connect and read paths interpreted for a while, slowly enough to be the
     * bottleneck of a connect storm: before anything is measured, each loop opens, joins and
     * drops a few hundred throwaway clients through the same code (connections beyond the plan's,
     * counted nowhere).
     */
    private void warmUp() throws Exception {
        int perLoop = Math.min(WARM_UP_CLIENTS, Math.max(10, plan.conns() / workers / loopCount));
        CountDownLatch settled = new CountDownLatch(loopCount);
        List<String> deployments = new ArrayList<>();
        for (int l = 0; l < loopCount; l++) {
            List<Integer> share = new ArrayList<>();
            for (int k = 0; k < perLoop; k++) {
                share.add(plan.conns() + (workerIndex * loopCount + l) * perLoop + k);
            }
            LoadLoop loop = new LoadLoop(plan, share, WARM_UP_RATE,
                    workers * loopCount * addressesPerLoop() + workerIndex * loopCount + l, x -> settled.countDown());
            deployments.add(vertx.deployVerticle(loop).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
        settled.await((long) (perLoop / WARM_UP_RATE) + plan.joinTimeoutMillis() / 1000 + 10, TimeUnit.SECONDS);
        for (String id : deployments) {
            vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Source addresses one loop needs for the largest share of connections a loop gets. */
    private int addressesPerLoop() {
        int perLoop = (plan.conns() + workers * loopCount - 1) / (workers * loopCount);
        return Math.max(1, (perLoop + LoadLoop.SOCKETS_PER_ADDRESS - 1) / LoadLoop.SOCKETS_PER_ADDRESS);
    }

    private void connect() throws Exception {
        CountDownLatch settled = new CountDownLatch(loopCount);
        List<List<Integer>> shares = new ArrayList<>();
        for (int i = 0; i < loopCount; i++) {
            shares.add(new ArrayList<>());
        }
        int mine = 0;
        for (int i = workerIndex; i < plan.conns(); i += workers) {
            shares.get(mine++ % loopCount).add(i);
        }
        double perLoopRate = plan.connectRate() / workers / loopCount;
        for (int l = 0; l < loopCount; l++) {
            LoadLoop loop = new LoadLoop(plan, shares.get(l), perLoopRate,
                    (workerIndex * loopCount + l) * addressesPerLoop(), x -> settled.countDown());
            loops.add(loop);
            vertx.deployVerticle(loop);
        }
        long limitSeconds = (long) (mine / Math.max(1, plan.connectRate() / workers)) + plan.joinTimeoutMillis() / 1000
                + 60;
        if (!settled.await(limitSeconds, TimeUnit.SECONDS)) {
            System.err.println("worker " + workerIndex + ": connections still pending after " + limitSeconds + " s");
        }
        Tallies sum = loops.collect(loop -> loop.tallies);
        // A collection holds up every delivery arriving meanwhile and charges the wait to the
        // server: the start comes with an empty young generation, so the first one comes as late
        // as it can (bigroom, 2026-12-07: one every 9 s, 40 to 144 ms each). A young generation
        // big enough for a whole run (4 GB) was worse: on this box the kernel took 30 % of the
        // generator's CPU clearing the pages it touched for the first time.
        System.gc();
        out.println("READY " + sum.joined + " " + sum.failed);
        out.flush();
    }

    private void measure(long t0) throws Exception {
        long measureStart = t0 + plan.warmupMicros();
        loops.onEach(loop -> {
            loop.go(t0);
            return null;
        });
        sleepUntil(measureStart);
        double cpuStart = cpuSeconds();
        GcTime gcStart = GcTime.now();
        long end = measureStart + plan.measuredMicros();
        for (int step = 0; step < plan.rampSteps(); step++) {
            long stepEnd = measureStart + (step + 1) * plan.stepMicros();
            sleepUntil(stepEnd);
            if (loops.anyStopped()) {
                break;
            }
            sleepUntil(stepEnd + STEP_GRACE_MICROS);
            int k = step;
            List<Object[]> parts = loops.onEach(loop -> new Object[] { loop.tallies.steps[k].copy(),
                    loop.tallies.stepDeliveries[k] });
            var histogram = Percentiles.micros();
            long deliveries = 0;
            for (Object[] part : parts) {
                histogram.add((org.HdrHistogram.Histogram) part[0]);
                deliveries += (Long) part[1];
            }
            out.println("STEP " + k + " " + Percentiles.encode(histogram) + " " + deliveries);
            out.flush();
        }
        while (!loops.anyStopped() && Clock.micros() < end) {
            sleepUntil(Math.min(end, Clock.micros() + 200_000));
        }
        double cpu = cpuSeconds() - cpuStart;
        GcTime gc = GcTime.now().since(gcStart);
        WorkerResults results = new WorkerResults(plan, loops);
        results.drain();
        out.println("RESULT " + JSON.writeValueAsString(results.report(cpu, gc, t0)));
        out.flush();
    }

    private void listenForStop(BufferedReader in) {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.trim().equals("STOP")) {
                    loops.onEach(loop -> {
                        loop.stopSending();
                        return null;
                    });
                }
            }
        } catch (Exception e) {
            // the coordinator went away: the run ends by its own timeline
        }
    }

    private static void sleepUntil(long micros) throws InterruptedException {
        long wait = micros - Clock.micros();
        if (wait > 0) {
            TimeUnit.MICROSECONDS.sleep(wait);
        }
    }

    private static double cpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return 0;
    }

}
