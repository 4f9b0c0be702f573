package dev.chat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster for tests: {@code masters} Debian {@code redis-server} binaries with
 * {@code --cluster-enabled yes} (and {@code replicas} replicas of each) on free loopback ports,
 * joined by {@code redis-cli --cluster create}, and ready once every node says
 * {@code cluster_state:ok}. {@link #shared()} is one 3-master cluster per JVM (test classes keep
 * apart by key prefix); {@link #dedicated} is for tests that change the topology.
 */
public final class RedisClusterServer {

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static RedisClusterServer shared;

    private final List<Node> nodes;

    /** One redis-server of the cluster; its role may change (failover). */
    public record Node(int port, Process process, Path dir) {
        public String url() {
            return "redis://127.0.0.1:" + port;
        }
    }

    private RedisClusterServer(List<Node> nodes) {
        this.nodes = nodes;
    }

    public static synchronized RedisClusterServer shared() {
        if (shared == null) {
            shared = dedicated(3, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /** A cluster of its own; {@link #stop()} ends it. */
    public static RedisClusterServer dedicated(int masters, int replicas, String... settings) {
        List<Node> started = new ArrayList<>();
        try {
            for (int i = 0; i < masters * (1 + replicas); i++) {
                started.add(startNode(settings));
            }
            RedisClusterServer cluster = new RedisClusterServer(started);
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            started.forEach(n -> create.add("127.0.0.1:" + n.port()));
            create.addAll(List.of("--cluster-replicas", Integer.toString(replicas), "--cluster-yes"));
            cluster.cli(started.get(0).port(), create.toArray(String[]::new));
            cluster.awaitOk();
            cluster.awaitReplicasOnline(replicas);
            return cluster;
        } catch (RuntimeException e) {
            started.forEach(n -> n.process().destroyForcibly());
            throw e;
        }
    }

    /** Seed addresses as {@code quarkus.redis.hosts} takes them (comma separated). */
    public String hosts() {
        return nodes.stream().map(Node::url).collect(Collectors.joining(","));
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** The nodes that are masters now (alive ones only), as their ports. */
    public List<Integer> masterPorts() {
        List<Integer> masters = new ArrayList<>();
        for (String line : cli(anyLivePort(), "cluster", "nodes").split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length > 7 && f[2].contains("master") && !f[2].contains("fail")) {
                masters.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@'))));
            }
        }
        return masters;
    }

    /** The port of the master that owns the hash slot of {@code key} now. */
    public int ownerOf(String key) {
        int slot = Integer.parseInt(cli(anyLivePort(), "cluster", "keyslot", key).trim());
        for (String line : cli(anyLivePort(), "cluster", "nodes").split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length > 8 && f[2].contains("master") && !f[2].contains("fail")) {
                for (int i = 8; i < f.length; i++) {
                    if (f[i].startsWith("[")) {
                        continue; // a slot being migrated or imported
                    }
                    String[] range = f[i].split("-");
                    int from = Integer.parseInt(range[0]);
                    int to = Integer.parseInt(range[range.length - 1]);
                    if (slot >= from && slot <= to) {
                        return Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@')));
                    }
                }
            }
        }
        throw new IllegalStateException("no master owns slot " + slot);
    }

    /** Waits, bounded, until every live node says {@code cluster_state:ok} with all slots served. */
    public void awaitOk() {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            boolean ok = true;
            for (Node node : nodes) {
                if (!node.process().isAlive()) {
                    continue;
                }
                last = cli(node.port(), "cluster", "info");
                ok &= last.contains("cluster_state:ok") && last.contains("cluster_slots_ok:16384");
            }
            if (ok) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new IllegalStateException("Redis Cluster not ok within " + READY_WITHIN + ": " + last);
    }

    /** Waits, bounded, until every master has {@code replicas} replicas in sync ({@code state=online}). */
    public void awaitReplicasOnline(int replicas) {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            boolean all = true;
            for (int master : masterPorts()) {
                String info = cli(master, "info", "replication");
                all &= info.lines().filter(l -> l.startsWith("slave") && l.contains("state=online")).count() >= replicas;
            }
            if (all) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new IllegalStateException("replicas not in sync within " + READY_WITHIN);
    }

    /** Runs {@code redis-cli -p port args...} and returns what it printed; fails on a non-zero exit. */
    public String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void stop() {
        nodes.forEach(n -> n.process().destroy());
    }

    private int anyLivePort() {
        return nodes.stream().filter(n -> n.process().isAlive()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no live node")).port();
    }

    private static Node startNode(String... settings) {
        try {
            int port = freeClusterPort();
            Path dir = Files.createTempDirectory("redis-cluster-test");
            List<String> command = new ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1", "--port",
                    Integer.toString(port), "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "2000"));
            command.addAll(List.of(settings));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            RedisServer.awaitListening(process, port, dir);
            return new Node(port, process, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (apt-get install -y redis-server)", e);
        }
    }

    /**
     * A free port in 20000-22767 whose cluster bus port (port + 10000) is free too: both below
     * Linux's ephemeral range, where an outgoing connection could take the bus port meanwhile.
     */
    private static int freeClusterPort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(2768);
            if (RedisServer.isFree(port) && RedisServer.isFree(port + 10000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port pair for a cluster node");
    }
}
