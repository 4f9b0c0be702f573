package dev.chat.cluster.fault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

import dev.chat.cluster.LocalCluster;
import dev.chat.cluster.OnRedisCluster;

/**
 * The cluster of a fault test class: three chat nodes, the registry, nginx and Redis, started
 * once per class. After each test whatever the test killed or stopped is started again (same
 * port), so the next test finds a whole cluster.
 *
 * <p>The send rate limit is raised above the fault load (each client sends 20 messages a second
 * and resends after a fault): these tests judge delivery, not the limiter, and count any
 * {@code rate_limited} they get anyway.
 */
abstract class FaultCluster {

    /** {@code chat.limits.max-errors}, set so that the hostile test knows when 1008 is due. */
    static final int MAX_ERRORS = 30;

    /** The gateway's WebSockets per address, below what the nodes take from one address (3 x 20). */
    static final int GATEWAY_CONNECTIONS_PER_ADDRESS = 40;

    static final Map<String, String> SETTINGS = Map.of(
            "CHAT_LIMITS_SEND_PER_SECOND", "100",
            "CHAT_LIMITS_SEND_BURST", "100",
            "CHAT_LIMITS_MAX_ERRORS", Integer.toString(MAX_ERRORS),
            "GATEWAY_CONNECTIONS_PER_ADDRESS", Integer.toString(GATEWAY_CONNECTIONS_PER_ADDRESS));

    static LocalCluster cluster;

    @BeforeAll
    static void up(TestInfo test) {
        preloadTestClasses();
        Map<String, String> settings = new java.util.HashMap<>(SETTINGS);
        settings.put("REDIS_MODE", OnRedisCluster.mode(test));
        cluster = LocalCluster.start(3, settings);
        Scenario.tested(describeBuild());
    }

    /** The jars this cluster runs (its own copies): file times and short SHA-256, and the checkout's HEAD. */
    private static String describeBuild() {
        StringBuilder out = new StringBuilder();
        for (String app : List.of("chat-node", "room-registry")) {
            Path dir = cluster.dir().resolve("apps").resolve(app).resolve("app");
            try (Stream<Path> jars = Files.list(dir)) {
                for (Path jar : jars.filter(f -> f.toString().endsWith(".jar")).toList()) {
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar));
                    out.append(app).append(" jar built ").append(Files.getLastModifiedTime(jar).toInstant())
                            .append(" sha256 ").append(HexFormat.of().formatHex(digest, 0, 6)).append("; ");
                }
            } catch (Exception e) {
                out.append(app).append(" jar unknown (").append(e.getMessage()).append("); ");
            }
        }
        try {
            Process git = new ProcessBuilder("git", "-C", System.getProperty("repo.root", ".."), "rev-parse", "--short", "HEAD")
                    .redirectErrorStream(true).start();
            String head = new String(git.getInputStream().readAllBytes()).trim();
            git.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            out.append("checkout at ").append(head).append(" (plus uncommitted changes, if any)");
        } catch (Exception e) {
            out.append("checkout unknown");
        }
        return out.toString();
    }

    /**
     * Loads every class of these tests up front. Other builds of this module may run while a fault
     * test does (they share target/test-classes) and recompile it, deleting for a few seconds class
     * files the JVM would otherwise load only when a scenario first needs them.
     */
    private static void preloadTestClasses() {
        ClassLoader loader = FaultCluster.class.getClassLoader();
        try {
            Path root = Path.of(FaultCluster.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<Path> files = Files.walk(root.resolve("dev/chat/cluster"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '.');
                    Class.forName(name.substring(0, name.length() - ".class".length()), false, loader);
                }
            }
            Class.forName("dev.chat.testing.WsClient", false, loader);
            Class.forName("dev.chat.testing.RedisServer", false, loader);
        } catch (Exception | LinkageError e) {
            System.out.println("could not preload the test classes (a concurrent build?): " + e);
        }
    }

    @AfterEach
    void restoreCluster() {
        if (cluster != null) {
            cluster.startMissing();
        }
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            try {
                cluster.close();
            } finally {
                cluster = null;
            }
        }
    }

    /** Keeps the services' log tails next to the figures, for a failure's post-mortem. */
    static void saveLogs(String scenario) {
        try {
            Path dir = Path.of(System.getProperty("reliability.dir", "target/reliability"));
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(scenario + ".log"), cluster.logs());
        } catch (Exception e) {
            System.out.println("could not save the logs of " + scenario + ": " + e);
        }
    }

    static String nodeName(String welcomeNode) {
        // welcome.node is "node-N" (CHAT_NODE_ID set by deploy/local/cluster); the service is chat-node-N
        return "chat-" + welcomeNode;
    }
}
