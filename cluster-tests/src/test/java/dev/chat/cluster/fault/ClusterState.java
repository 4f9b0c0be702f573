package dev.chat.cluster.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.cluster.LocalCluster;

/**
 * What a fault test reads from the cluster besides its clients: rooms through the registry, the
 * room's stored history straight from the cluster's own Redis (redis-cli on the port in
 * ports.env, never the system Redis), and the Redis settings a scenario needs.
 */
public final class ClusterState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterState() {
    }

    /** Creates a room of its own for a scenario (10 min clear interval and expiry: longer than any test). */
    public static String createRoom(LocalCluster cluster, String prefix) {
        String name = prefix + " " + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = cluster.post("/api/rooms",
                "{\"name\":\"" + name + "\",\"clearIntervalSeconds\":600,\"expirySeconds\":600}");
        if (created.statusCode() != 201) {
            throw new AssertionError("could not create a room: " + created.statusCode() + " " + created.body());
        }
        try {
            return JSON.readTree(created.body()).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code users} of {@code GET /api/rooms/{id}}, -1 when the registry does not answer 200. */
    public static int users(LocalCluster cluster, String room) {
        try {
            HttpResponse<String> response = cluster.get("/api/rooms/" + room);
            if (response.statusCode() != 200) {
                return -1;
            }
            JsonNode body = JSON.readTree(response.body());
            return body.path("users").asInt(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The message ids in the room's history stream ({@code chat:{room}:history}). */
    public static Set<Long> storedIds(LocalCluster cluster, String room) {
        Set<Long> ids = new TreeSet<>();
        for (String line : redis(cluster, "XRANGE", "chat:{" + room + "}:history", "-", "+")) {
            if (line.matches("\\d+-0")) {
                ids.add(Long.parseLong(line.substring(0, line.length() - 2)));
            }
        }
        return ids;
    }

    /** Runs one command on the cluster's Redis with redis-cli as its admin user; the reply, one line per element. */
    public static List<String> redis(LocalCluster cluster, String... command) {
        return redisAs(cluster, "admin", cluster.secrets().get("REDIS_ADMIN_PASSWORD"), command);
    }

    /**
     * Runs one command as {@code user} (null: no credentials, the default user); the reply, one
     * line per element. The password goes through the environment, never the command line.
     */
    public static List<String> redisAs(LocalCluster cluster, String user, String password, String... command) {
        // on a Redis Cluster: any node (the first that is up), following redirections (-c)
        String node = cluster.redisNodes().stream().filter(cluster::alive).findFirst().orElse(cluster.redisNodes().get(0));
        return redisAt(cluster.port(node), cluster.onRedisCluster(), user, password, command);
    }

    /** One command as admin on one Redis node (no redirection followed): CLUSTER, PUBSUB SHARDCHANNELS, INFO. */
    public static List<String> redisAt(LocalCluster cluster, int port, String... command) {
        return redisAt(port, false, "admin", cluster.secrets().get("REDIS_ADMIN_PASSWORD"), command);
    }

    private static List<String> redisAt(int port, boolean follow, String user, String password, String... command) {
        List<String> args = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p",
                Integer.toString(port), "--raw", "--no-auth-warning"));
        if (follow) {
            args.add("-c");
        }
        if (user != null) {
            args.addAll(List.of("--user", user));
        }
        args.addAll(List.of(command));
        try {
            ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true);
            if (user != null) {
                builder.environment().put("REDISCLI_AUTH", password);
            }
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-cli " + String.join(" ", command) + " timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || text.startsWith("ERR") || text.startsWith("Could not connect")) {
                throw new IllegalStateException("redis-cli " + String.join(" ", command) + ": " + text);
            }
            return text.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
