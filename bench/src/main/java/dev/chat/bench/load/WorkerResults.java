package dev.chat.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * A worker's end of the run: waits until every send of its senders is answered, then sums what
 * its loops counted (per sender: sent, refused, received by members; per room: members) into its
 * {@link WorkerReport}, with a sample of clients that missed something.
 */
final class WorkerResults {

    private final Plan plan;
    private final LoopGroup loops;

    WorkerResults(Plan plan, LoopGroup loops) {
        this.plan = plan;
        this.loops = loops;
    }

    /**
     * After the last send: waits until every sender of this worker has had each of its sends
     * answered (its own message back, or an error) and nothing new has arrived for a second; at
     * most 30 s, so a server that never answers shows as lost, not as a hang.
     */
    void drain() throws Exception {
        long deadline = Clock.micros() + 30_000_000;
        long last = -1;
        long quietSince = Clock.micros();
        while (Clock.micros() < deadline) {
            long received = loops.collect(loop -> loop.tallies).received;
            if (received != last) {
                last = received;
                quietSince = Clock.micros();
            } else if (Clock.micros() - quietSince >= 1_000_000 && !loops.onEach(LoadLoop::awaitingAnswers).contains(true)) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** The worker's report, its CPU over the measured part being {@code cpu} seconds and its collections {@code gc}. */
    WorkerReport report(double cpu, GcTime gc, long t0) throws Exception {
        Tallies total = loops.collect(loop -> loop.tallies);
        long[] sent = new long[plan.senders()];
        long[] sendErrors = new long[plan.senders()];
        long[] unique = new long[plan.senders()];
        long[] members = new long[plan.rooms()];
        // each loop counts its own clients on its own thread; the sums are made here, on one
        for (long[][] part : loops.onEach(this::counts)) {
            for (int s = 0; s < plan.senders(); s++) {
                sent[s] += part[0][s];
                sendErrors[s] += part[1][s];
                unique[s] += part[2][s];
            }
            for (int r = 0; r < plan.rooms(); r++) {
                members[r] += part[3][r];
            }
        }
        List<String> lossSample = lossSample(t0);
        return WorkerReport.of(total, sent, sendErrors, unique, members, cpu, gc.count(), gc.millis(), lossSample);
    }

    private long[] highestSeen(LoadLoop loop) {
        long[] highest = new long[plan.senders()];
        java.util.Arrays.fill(highest, -1);
        for (BenchClient c : loop.clients) {
            if (c.joined && !c.gone) {
                for (int s = c.room; s < plan.senders(); s += plan.rooms()) {
                    highest[s] = Math.max(highest[s], c.receipts.highest(plan.slotOf(s)));
                }
            }
        }
        return highest;
    }

    /** One loop's {sent, send errors, distinct received} per sender and members per room at the end. */
    private long[][] counts(LoadLoop loop) {
        long[][] c = { new long[plan.senders()], new long[plan.senders()], new long[plan.senders()],
                new long[plan.rooms()] };
        for (BenchClient client : loop.clients) {
            if (client.isSender()) {
                c[0][client.index] += client.sent;
                c[1][client.index] += client.sendErrors;
            }
            if (client.joined && !client.gone) {
                c[3][client.room]++;
                for (int s = client.room; s < plan.senders(); s += plan.rooms()) {
                    c[2][s] += client.receipts.count(plan.slotOf(s));
                }
            }
        }
        return c;
    }

    /**
     * A few clients that miss messages other clients of this worker got, and which: where to look
     * when a run loses something (node, when the client joined, the missing sequence numbers).
     */
    private List<String> lossSample(long t0) throws Exception {
        long[] highest = new long[plan.senders()];
        java.util.Arrays.fill(highest, -1);
        for (long[] part : loops.onEach(this::highestSeen)) {
            for (int s = 0; s < plan.senders(); s++) {
                highest[s] = Math.max(highest[s], part[s]);
            }
        }
        List<String> sample = java.util.Collections.synchronizedList(new ArrayList<>());
        loops.onEach(loop -> {
            for (BenchClient c : loop.clients) {
                if (!c.joined || c.gone || sample.size() >= 5) {
                    continue;
                }
                StringBuilder sb = new StringBuilder();
                for (int s = c.room; s < plan.senders(); s += plan.rooms()) {
                    for (long[] r : c.receipts.missing(plan.slotOf(s), highest[s], 5)) {
                        sb.append(" sender ").append(s).append(": ").append(r[0]).append('-').append(r[1]);
                    }
                }
                if (sb.length() > 0) {
                    sample.add("client " + c.index + " on " + c.node + ", room " + c.room + ", joined at t0"
                            + String.format(java.util.Locale.ROOT, "%+.3f", (c.joinedAtMicros - t0) / 1e6) + " s, missing" + sb);
                }
            }
            return null;
        });
        return sample;
    }
}
