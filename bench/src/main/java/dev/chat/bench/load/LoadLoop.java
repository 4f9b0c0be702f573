package dev.chat.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

/**
 * The clients of one event loop of a worker: it opens them at its share of the connect rate,
 * ticks their send schedules and measures its own lateness. Everything here runs on the loop's
 * thread; the worker talks to it only through {@code runOnContext}.
 */
final class LoadLoop extends AbstractVerticle {

    private static final long TICK_MS = 2;

    private final Plan plan;
    private final List<Integer> indexes;
    private final double connectRate;
    private final Consumer<LoadLoop> onAllSettled;
    final Tallies tallies;
    final List<BenchClient> clients = new ArrayList<>();
    private final List<BenchClient> senders = new ArrayList<>();
    /** Connections per source address (see {@link #start}). */
    static final int SOCKETS_PER_ADDRESS = 1_000;

    private final List<WebSocketClient> sockets = new ArrayList<>();
    private final int firstAddress;
    private int opened;
    private int settled;
    private long connectStartMicros;
    private long measureStartMicros = Long.MAX_VALUE;
    private long endMicros = Long.MAX_VALUE;
    private long lastTickMicros;
    private boolean stormDone;
    private int rehearsalsDone;
    private long t0Micros = Long.MAX_VALUE;
    private boolean stopped;

    /**
     * @param firstAddress which loopback source addresses this loop uses, counted from 127.0.0.2;
     *     every loop of every worker gets its own
     */
    LoadLoop(Plan plan, List<Integer> indexes, double connectRate, int firstAddress, Consumer<LoadLoop> onAllSettled) {
        this.plan = plan;
        this.firstAddress = firstAddress;
        this.indexes = indexes;
        this.connectRate = connectRate;
        this.onAllSettled = onAllSettled;
        this.tallies = new Tallies(plan.rampSteps());
    }

    io.vertx.core.Context context() {
        return context;
    }

    long measureStartMicros() {
        return measureStartMicros;
    }

    @Override
    public void start(Promise<Void> started) {
        // One client per SOCKETS_PER_ADDRESS connections, each bound to its own loopback
        // address: with tens of thousands of sockets from one address to the gateway, the
        // kernel's search for a free source port makes every connect() slower than the last, on
        // the loop's thread. The client's pool keeps (and scans) an array of maxConnections
        // slots, so it is sized to its share (twice: a storm opens before the old socket is gone).
        int share = Math.max(1, (indexes.size() + SOCKETS_PER_ADDRESS - 1) / SOCKETS_PER_ADDRESS);
        for (int j = 0; j < share; j++) {
            int n = plan.addressOffset() + firstAddress + j;
            String local = "127." + (1 + n / 62_500 % 250) + "." + (n / 250 % 250) + "." + (2 + n % 250);
            sockets.add(vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxConnections(2 * SOCKETS_PER_ADDRESS + 16).setLocalAddress(local)
                    .setConnectTimeout((int) plan.joinTimeoutMillis()).setMaxFrameSize(1 << 20)
                    .setMaxMessageSize(16 << 20).setClosingTimeout(2)));
        }
        for (int index : indexes) {
            BenchClient c = new BenchClient(this, plan, index);
            clients.add(c);
            if (c.isSender()) {
                senders.add(c);
            }
        }
        tallies.attempted = clients.size();
        connectStartMicros = Clock.micros();
        if (clients.isEmpty()) {
            onAllSettled.accept(this);
        } else {
            lastTickMicros = Clock.micros();
            vertx.setPeriodic(10, id -> {
                long now = Clock.micros();
                Percentiles.record(tallies.connectLoopLag, now - lastTickMicros - 10_000);
                lastTickMicros = now;
                connectDue();
                if (opened == clients.size() && settled == clients.size()) {
                    vertx.cancelTimer(id);
                }
            });
        }
        started.complete();
    }

    private void connectDue() {
        long now = Clock.micros();
        long due = connectRate <= 0 ? clients.size()
                : Math.min(clients.size(), (long) ((now - connectStartMicros) / 1e6 * connectRate) + 1);
        while (opened < due) {
            clients.get(opened).open(socketsFor(opened));
            opened++;
        }
        for (int i = 0; i < opened; i++) {
            clients.get(i).checkJoinTimeout(now);
        }
    }

    private WebSocketClient socketsFor(int position) {
        return sockets.get(Math.min(sockets.size() - 1, position / SOCKETS_PER_ADDRESS));
    }

    /** A client joined or failed for good during the connect phase. */
    void settled(BenchClient c) {
        if (measureStartMicros != Long.MAX_VALUE) {
            return; // after the start only storms reconnect, and they are counted apart
        }
        if (++settled == clients.size()) {
            onAllSettled.accept(this);
        }
    }

    /** The common start: every loop of every worker computes the same timeline from {@code t0}. */
    void go(long t0Micros) {
        measureStartMicros = t0Micros + plan.warmupMicros();
        this.t0Micros = t0Micros;
        endMicros = measureStartMicros + plan.measuredMicros();
        double interval = 1e6 / plan.rate();
        for (BenchClient s : senders) {
            // spread the senders over one interval so that they do not all send on the same tick
            s.nextDueMicros = t0Micros + (long) (interval * s.index / Math.max(1, plan.senders()));
        }
        lastTickMicros = Clock.micros();
        vertx.setPeriodic(TICK_MS, id -> tick());
    }

    /** Ramp: the threshold was passed; no more sends after now. */
    void stopSending() {
        stopped = true;
        endMicros = Math.min(endMicros, Clock.micros());
    }

    /** Whether a joined sender of this loop still waits for the answer to one of its sends. */
    boolean awaitingAnswers() {
        for (BenchClient s : senders) {
            if (s.joined && !s.gone && s.receipts.count(plan.slotOf(s.index)) + s.sendErrors < s.sent) {
                return true;
            }
        }
        return false;
    }

    /** Whether the ramp's STOP came. */
    boolean stopped() {
        return stopped;
    }

    private void tick() {
        long now = Clock.micros();
        if (measuring(now)) {
            Percentiles.recordLate(tallies.loopLag, now - lastTickMicros - TICK_MS * 1000, TICK_MS * 1000);
        }
        lastTickMicros = now;
        for (BenchClient s : senders) {
            s.sendDue(now, endMicros);
        }
        // rehearsals a little after the start, when the clients have missed messages to resume (so
        // the replay paths are compiled too), each over before the next
        if (plan.storm() && rehearsalsDone < plan.stormRehearsals() && now >= t0Micros + plan.rehearsalAtMicros(rehearsalsDone)
                && now < measureStartMicros) {
            rehearsalsDone++;
            storm(true);
        }
        if (plan.storm() && !stormDone && now >= measureStartMicros) {
            stormDone = true;
            storm(false);
        }
    }

    /** Every joined non-sender drops its socket and resumes (see {@link Plan#stormJitterMillis()}). */
    private void storm(boolean rehearsal) {
        // seeded per loop: the same run gives every client the same delay
        SplittableRandom jitter = new SplittableRandom(firstAddress);
        for (int i = 0; i < clients.size(); i++) {
            BenchClient c = clients.get(i);
            if (c.isSender() || c.gone) {
                continue;
            }
            if (c.joined) {
                long delay = plan.stormJitterMillis() > 0 ? jitter.nextLong(plan.stormJitterMillis()) : 0;
                c.dropAndResume(socketsFor(i), delay, rehearsal);
            } else if (!rehearsal) {
                tallies.error("storm: client not joined again since the rehearsal (not dropped)");
            }
        }
    }

    /** Whether {@code micros} lies in the measured part: only there are lags and latencies recorded. */
    boolean measuring(long micros) {
        return micros >= measureStartMicros && micros < endMicros;
    }

    /** A distinct benchmark message arrived. */
    void arrived(long dueMicros, long nowMicros) {
        tallies.received++;
        if (measuring(nowMicros)) {
            tallies.arrivedInWindow++;
        }
        if (!measuring(dueMicros)) {
            return;
        }
        Percentiles.record(tallies.latency, nowMicros - dueMicros);
        tallies.deliveriesMeasured++;
        int step = plan.stepAt(dueMicros - measureStartMicros);
        if (step >= 0) {
            Percentiles.record(tallies.steps[step], nowMicros - dueMicros);
            tallies.stepDeliveries[step]++;
        }
    }
}
