package dev.chat.cluster.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.chat.cluster.LocalCluster;

/**
 * The steady load of a fault test: resuming clients spread over the nodes, all in one room, each
 * sending one stamped message per interval; and the audit of what they saw once it is over.
 */
public final class Fleet implements AutoCloseable {

    private final List<ResumingClient> clients;
    private ScheduledExecutorService load;
    private long loadStartedNanos;
    private long loadStoppedNanos;

    private Fleet(List<ResumingClient> clients) {
        this.clients = clients;
    }

    /**
     * Connects through the gateway until {@code perNode} clients sit on each of the cluster's
     * nodes (nginx balances round robin; the surplus is closed before it joins).
     */
    public static Fleet spread(LocalCluster cluster, String room, String prefix, int perNode) {
        int nodes = cluster.chatNodes().size();
        Map<String, Integer> onNode = new TreeMap<>();
        List<ResumingClient> kept = new ArrayList<>();
        int maxAttempts = nodes * perNode * 5;
        for (int i = 0; i < maxAttempts && kept.size() < nodes * perNode; i++) {
            ResumingClient client = ResumingClient.connect(prefix + i, cluster.ws(), room);
            String node = await(Duration.ofSeconds(10), client::node);
            if (node != null && onNode.getOrDefault(node, 0) < perNode) {
                onNode.merge(node, 1, Integer::sum);
                kept.add(client);
            } else {
                client.close();
            }
        }
        Fleet fleet = new Fleet(kept);
        if (kept.size() != nodes * perNode) {
            fleet.close();
            throw new AssertionError("could not place " + perNode + " clients on each of " + nodes + " nodes: " + onNode);
        }
        return fleet;
    }

    public List<ResumingClient> clients() {
        return clients;
    }

    public List<ResumingClient> on(String node) {
        return clients.stream().filter(c -> node.equals(c.node())).toList();
    }

    /** Every client joins; returns once all have their {@code joined}. */
    public void joinAll() {
        clients.forEach(ResumingClient::join);
        if (!until(Duration.ofSeconds(15), Duration.ofMillis(20), () -> clients.stream().allMatch(ResumingClient::joined))) {
            throw new AssertionError("not every client joined within 15 s");
        }
    }

    /** Each client sends one message every {@code every}, staggered; stops by itself after {@code atMost}. */
    private long loadPeriodNanos = 50_000_000L;

    public void startLoad(String tag, Duration every, String padding, Duration atMost) {
        load = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "load-" + tag);
            t.setDaemon(true);
            return t;
        });
        long period = every.toNanos();
        loadPeriodNanos = period;
        for (int i = 0; i < clients.size(); i++) {
            ResumingClient client = clients.get(i);
            load.scheduleAtFixedRate(() -> client.send(tag, padding), period * i / clients.size(), period,
                    TimeUnit.NANOSECONDS);
        }
        load.schedule(load::shutdownNow, atMost.toMillis(), TimeUnit.MILLISECONDS);
        loadStartedNanos = System.nanoTime();
    }

    public void stopLoad() {
        if (load != null) {
            load.shutdownNow();
            try {
                load.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loadStoppedNanos = System.nanoTime();
        }
    }

    /**
     * Lets the load run for about {@code window}, measured in traffic rather than slept: until the
     * clients have issued as many more sends as the load's rate makes in that time (at most three
     * times as long, so a stalled load cannot hang the test).
     */
    public void awaitTraffic(Duration window) {
        if (window.isNegative() || window.isZero()) {
            return;
        }
        long more = Math.max(1, clients.size() * window.toNanos() / Math.max(1, loadPeriodNanos));
        long target = totalSent() + more;
        if (!until(window.multipliedBy(3).plusSeconds(1), Duration.ofMillis(10), () -> totalSent() >= target)) {
            throw new AssertionError("the load did not make " + more + " sends within " + window.multipliedBy(3));
        }
    }

    private long totalSent() {
        return clients.stream().mapToLong(ResumingClient::sent).sum();
    }

    public long loadStartedNanos() {
        return loadStartedNanos;
    }

    public long loadStoppedNanos() {
        return loadStoppedNanos;
    }

    /**
     * Waits, at most {@code atMost}, until the room is quiet: every client is joined, has no
     * unacknowledged send and has seen the same last id, for half a second in a row.
     * @return whether it got quiet
     */
    public boolean awaitQuiet(Duration atMost) {
        long[] quietSince = { -1 };
        return until(atMost, Duration.ofMillis(50), () -> {
            long top = clients.stream().mapToLong(ResumingClient::lastId).max().orElse(0);
            boolean quiet = clients.stream().allMatch(c -> c.joined() && c.pendingCount() == 0 && c.lastId() == top);
            if (!quiet) {
                quietSince[0] = -1;
                return false;
            }
            if (quietSince[0] < 0) {
                quietSince[0] = System.nanoTime();
            }
            return System.nanoTime() - quietSince[0] > 500_000_000L;
        });
    }

    /** Writes each client's nodes, close codes and arrival runs to {@code <scenario>-trace.txt}, for a post-mortem. */
    public void trace(String scenario, long originNanos, Set<Long> stored) {
        StringBuilder out = new StringBuilder("# ids as runs of consecutive ids @ arrival (ms after the load started)\n");
        out.append("stored: ").append(runs(stored)).append('\n');
        for (ResumingClient c : clients) {
            out.append(c.name()).append(" nodes=").append(c.nodes()).append(" closes=").append(c.closeCodes())
                    .append(" errors=").append(c.errors()).append("\n  ").append(c.arrivalRuns(originNanos)).append('\n');
        }
        try {
            java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("reliability.dir", "target/reliability"));
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve(scenario + "-trace.txt"), out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String runs(Set<Long> ids) {
        StringBuilder out = new StringBuilder();
        Long start = null;
        Long prev = null;
        for (long id : new TreeSet<>(ids)) {
            if (prev == null || id != prev + 1) {
                if (start != null) {
                    out.append(start).append(start.equals(prev) ? "" : "-" + prev).append(' ');
                }
                start = id;
            }
            prev = id;
        }
        if (start != null) {
            out.append(start).append(start.equals(prev) ? "" : "-" + prev);
        }
        return out.toString().trim();
    }

    /** What the clients saw, judged against each other and against the room's stored history. */
    public Audit audit(String scenario, Set<Long> stored) {
        trace(scenario, loadStartedNanos, stored);
        return Audit.of(clients, stored);
    }

    @Override
    public void close() {
        stopLoad();
        clients.forEach(ResumingClient::close);
    }

    static <T> T await(Duration atMost, java.util.function.Supplier<T> value) {
        java.util.concurrent.atomic.AtomicReference<T> found = new java.util.concurrent.atomic.AtomicReference<>();
        until(atMost, Duration.ofMillis(10), () -> {
            found.set(value.get());
            return found.get() != null;
        });
        return found.get();
    }

    /**
     * Polls {@code condition} (Awaitility) until it holds or {@code atMost} has passed.
     *
     * @return whether it held
     */
    static boolean until(Duration atMost, Duration poll, java.util.function.BooleanSupplier condition) {
        try {
            org.awaitility.Awaitility.await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(poll)
                    .until(condition::getAsBoolean);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /**
     * The verdict on the clients' views. {@code lost}: (client, message) pairs where a message that
     * some client saw, some sender had acknowledged or Redis stored is missing from a client that
     * stayed in the room; {@code lostAcked}: the same restricted to acknowledged messages.
     */
    public record Audit(int clients, int sent, int acked, int messages, int lost, int lostAcked, int duplicates,
            int reorders, int dupEchoes, int recoveredFalse, int pendingAtEnd, int unansweredOnOpenConnections,
            int storedNotDelivered, int deliveredNotStored, int ackedNotStored, List<String> missed,
            List<String> violations) {

        static Audit of(Collection<ResumingClient> clients, Set<Long> stored) {
            Set<Long> seenByAny = new TreeSet<>();
            Set<Long> ackedIds = new HashSet<>();
            for (ResumingClient c : clients) {
                seenByAny.addAll(c.view());
                ackedIds.addAll(c.acked().values());
            }
            Set<Long> universe = new TreeSet<>(seenByAny);
            universe.addAll(ackedIds);
            if (stored != null) {
                universe.addAll(stored);
            }
            int lost = 0;
            int lostAcked = 0;
            List<String> missed = new ArrayList<>();
            List<String> violations = new ArrayList<>();
            for (ResumingClient c : clients) {
                Set<Long> view = new HashSet<>(c.view());
                for (long id : universe) {
                    if (!view.contains(id)) {
                        lost++;
                        lostAcked += ackedIds.contains(id) ? 1 : 0;
                        if (missed.size() < 5) {
                            missed.add(c.name() + " missed id " + id);
                        }
                    }
                }
                c.violations().stream().limit(2).forEach(v -> violations.add(c.name() + ": " + v));
            }
            int storedNotDelivered = 0;
            int deliveredNotStored = 0;
            int ackedNotStored = 0;
            if (stored != null) {
                long oldest = stored.stream().mapToLong(Long::longValue).min().orElse(0);
                for (long id : stored) {
                    storedNotDelivered += seenByAny.contains(id) ? 0 : 1;
                }
                // the stream is capped (chat.history.max-len): ids below its oldest may be trimmed
                for (long id : seenByAny) {
                    deliveredNotStored += id < oldest || stored.contains(id) ? 0 : 1;
                }
                for (long id : ackedIds) {
                    ackedNotStored += id < oldest || stored.contains(id) ? 0 : 1;
                }
            }
            return new Audit(clients.size(), clients.stream().mapToInt(ResumingClient::sent).sum(), ackedIds.size(),
                    universe.size(), lost, lostAcked,
                    clients.stream().mapToInt(ResumingClient::duplicates).sum(),
                    clients.stream().mapToInt(ResumingClient::reorders).sum(),
                    clients.stream().mapToInt(ResumingClient::dupEchoes).sum(),
                    clients.stream().mapToInt(ResumingClient::recoveredFalse).sum(),
                    clients.stream().mapToInt(ResumingClient::pendingCount).sum(),
                    clients.stream().mapToInt(ResumingClient::unansweredNow).sum(),
                    storedNotDelivered, deliveredNotStored, ackedNotStored, missed, violations);
        }

        /** Records the common figures and checks of a scenario under load. */
        public void report(Scenario scenario) {
            scenario.figure("clients", clients);
            scenario.figure("sent", sent);
            scenario.figure("acknowledged", acked);
            scenario.figure("messagesInRoom", messages);
            scenario.figure("lost", lost);
            scenario.figure("lostAcknowledged", lostAcked);
            scenario.figure("duplicates", duplicates);
            scenario.figure("outOfOrder", reorders);
            scenario.figure("unacknowledgedAtEnd", pendingAtEnd);
            scenario.figure("storedNotDelivered", storedNotDelivered);
            scenario.figure("deliveredNotStored", deliveredNotStored);
            scenario.check("noLoss", lost == 0, lost + " (client, message) pairs missing, " + lostAcked
                    + " of them acknowledged to their sender" + (missed.isEmpty() ? "" : ", e.g. " + String.join("; ", missed)));
            scenario.check("noDuplicates", duplicates == 0 && reorders == 0, duplicates + " duplicate ids and " + reorders
                    + " ids received after a higher one, in the clients' views"
                    + (violations.isEmpty() ? "" : ", e.g. " + String.join("; ", violations) + " (arrival order in the trace file)"));
            scenario.check("everySendAcknowledged", pendingAtEnd == 0,
                    pendingAtEnd + " of " + sent + " sends still without their message after the quiet period");
            scenario.check("storedEqualsDelivered", storedNotDelivered == 0 && deliveredNotStored == 0 && ackedNotStored == 0,
                    storedNotDelivered + " stored but delivered to nobody, " + deliveredNotStored
                            + " delivered but not in the room's history, " + ackedNotStored + " acknowledged but not stored");
        }
    }

    /** Nearest-rank percentile, in the unit of the values; -1 when there are none. */
    public static double percentile(Collection<? extends Number> values, double p) {
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public static String ms(double value) {
        return value < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
