package dev.chat.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.chat.testing.RedisServer;
import dev.chat.testing.WsClient;

/**
 * A whole cluster (Redis, registry, chat nodes, nginx) started with {@code deploy/local/cluster},
 * the developer's own script, in a directory and on ports of its own.
 */
public final class LocalCluster implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path root;
    private final Path dir;
    private final int gatewayPort;
    private final Map<String, String> env;

    private LocalCluster(Path root, Path dir, int gatewayPort, Map<String, String> env) {
        this.root = root;
        this.dir = dir;
        this.gatewayPort = gatewayPort;
        this.env = env;
    }

    /** @param settings extra environment for every service, e.g. {@code CHAT_GENERAL_CLEAR_INTERVAL} */
    public static LocalCluster start(int nodes, Map<String, String> settings) {
        Path root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
        Path dir = Path.of(System.getProperty("cluster.dir", "target/clusters"))
                .resolve(UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Map<String, String> env = new HashMap<>(settings);
        env.put("CLUSTER_DIR", dir.toString());
        env.put("GATEWAY_PORT", Integer.toString(RedisServer.freePort()));
        env.put("CHAT_NODES", Integer.toString(nodes));
        env.put("SKIP_BUILD", "1");
        env.putIfAbsent("JAVA_OPTS", "-Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        // test clients send faster than people do; the limits themselves are tested in the node
        env.putIfAbsent("CHAT_LIMITS_SEND_BURST", "1000");
        env.putIfAbsent("CHAT_LIMITS_SEND_PER_SECOND", "1000");
        // run copies: a rebuild of the services while this cluster runs must not pull the jars away
        env.put("REGISTRY_JAR", copyApp(root.resolve("room-registry/target/quarkus-app"), dir.resolve("apps/room-registry")));
        env.put("CHAT_NODE_JAR", copyApp(root.resolve("chat-node/target/quarkus-app"), dir.resolve("apps/chat-node")));
        LocalCluster cluster = new LocalCluster(root, dir, Integer.parseInt(env.get("GATEWAY_PORT")), env);
        try {
            cluster.run(Duration.ofMinutes(3), "up");
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static String copyApp(Path from, Path to) {
        if (!Files.isRegularFile(from.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(from + " is not built: run mvn package (or verify) from the repository root");
        }
        try (var files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to.resolve("quarkus-run.jar").toString();
    }

    public Path dir() {
        return dir;
    }

    public URI http(String path) {
        return URI.create("http://127.0.0.1:" + gatewayPort + path);
    }

    public URI ws() {
        return URI.create("ws://127.0.0.1:" + gatewayPort + "/ws");
    }

    public WsClient connect() {
        return WsClient.connect(ws());
    }

    public HttpResponse<String> get(String path) {
        return get(path, Map.of());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(http(path)).timeout(Duration.ofSeconds(10)).GET();
            headers.forEach(request::header);
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> getWith(String path, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(http(path)).timeout(Duration.ofSeconds(10)).GET();
            headers.forEach(request::header);
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(String path, String json, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(http(path)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
            headers.forEach(request::header);
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(String path, String json) {
        return post(path, json, Map.of());
    }

    public HttpResponse<String> delete(String path, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(http(path)).timeout(Duration.ofSeconds(10)).DELETE();
            headers.forEach(request::header);
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills a service's process at once, as a crash would ({@code kill -9}). */
    public void kill(String name) {
        ProcessHandle process = process(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
        process.destroyForcibly();
        process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /**
     * Sends SIGTERM to a service's process, as an orchestrator does before a restart, and returns
     * at once with the process, whose {@link ProcessHandle#onExit()} tells when it is gone.
     */
    public ProcessHandle terminate(String name) {
        ProcessHandle process = process(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
        if (!process.destroy()) {
            throw new IllegalStateException("could not send SIGTERM to " + name + " (pid " + process.pid() + ")");
        }
        return process;
    }

    /** The service's live process, from its pid file. */
    public Optional<ProcessHandle> process(String name) {
        Path pidFile = dir.resolve("pids").resolve(name + ".pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean alive(String name) {
        return process(name).isPresent();
    }

    /** {@code deploy/local/cluster stop NAME}: SIGTERM, bounded wait, SIGKILL; the port stays the service's. */
    public void stop(String name) {
        run(Duration.ofSeconds(60), "stop", name);
    }

    /** {@code deploy/local/cluster start NAME} on its old port; returns once it is ready. */
    public void start(String name) {
        run(Duration.ofMinutes(2), "start", name);
    }

    /** Starts whatever of the cluster is not running (a fault test's clean-up). */
    public void startMissing() {
        for (String name : services()) {
            if (!alive(name)) {
                start(name);
            }
        }
    }

    /** Every service of the cluster: redis (or redis-1..N on a Redis Cluster), room-registry, chat-node-1..N, gateway. */
    public List<String> services() {
        List<String> names = new ArrayList<>(redisNodes());
        names.add("room-registry");
        names.addAll(chatNodes());
        names.add("gateway");
        return names;
    }

    /** Whether this cluster runs on a Redis Cluster ({@code REDIS_MODE=cluster}). */
    public boolean onRedisCluster() {
        return "cluster".equals(ports().get("REDIS_MODE"));
    }

    /** The Redis processes: {@code redis}, or {@code redis-1..N} of a Redis Cluster. */
    public List<String> redisNodes() {
        if (!onRedisCluster()) {
            return List.of("redis");
        }
        int nodes = ports().get("REDIS_PORTS").split(" ").length;
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            names.add("redis-" + i);
        }
        return names;
    }

    public List<String> chatNodes() {
        int nodes = ports().get("CHAT_NODE_PORTS").split(" ").length;
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            names.add("chat-node-" + i);
        }
        return names;
    }

    /** {@code CLUSTER_DIR/ports.env} as written by {@code up}. */
    public Map<String, String> ports() {
        return envFile(dir.resolve("ports.env"));
    }

    private static Map<String, String> envFile(Path file) {
        Map<String, String> ports = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    ports.put(line.substring(0, eq), line.substring(eq + 1).replace("\"", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ports;
    }

    /** {@code CLUSTER_DIR/secrets.env} as written by {@code up}: the Redis users' passwords, the identity secret. */
    public Map<String, String> secrets() {
        return envFile(dir.resolve("secrets.env"));
    }

    /** The loopback port of a service (redis, room-registry, chat-node-N, gateway). */
    public int port(String name) {
        Map<String, String> ports = ports();
        if (name.startsWith("redis-")) {
            return Integer.parseInt(ports.get("REDIS_PORTS").split(" ")[Integer.parseInt(name.substring(6)) - 1]);
        }
        if (name.startsWith("chat-node-")) {
            return Integer.parseInt(ports.get("CHAT_NODE_PORTS").split(" ")[Integer.parseInt(name.substring(10)) - 1]);
        }
        return Integer.parseInt(ports.get(switch (name) {
            case "redis" -> "REDIS_PORT";
            case "room-registry" -> "REGISTRY_PORT";
            case "gateway" -> "GATEWAY_PORT";
            default -> throw new IllegalArgumentException("no such service: " + name);
        }));
    }

    /** HTTP status of the service's {@code /q/health/ready}, 0 when it does not answer within 2 s. */
    public int readiness(String name) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(name) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    public int gatewayPort() {
        return gatewayPort;
    }

    public String logs() {
        return run(Duration.ofSeconds(30), "logs");
    }

    public String run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("deploy/local/cluster").toString());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(dir);
            Path out = Files.createTempFile(dir, "cluster-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("cluster " + String.join(" ", args) + " timed out: "
                        + Files.readString(out));
            }
            String output = Files.readString(out);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("cluster " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        run(Duration.ofMinutes(1), "down");
        // everything is stopped: drop the copies of the jars (tens of MB per cluster), keep the logs
        try (var files = Files.walk(dir.resolve("apps"))) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // only disk space: leave what could not be deleted
        }
    }
}
