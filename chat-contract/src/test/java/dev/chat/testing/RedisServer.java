package dev.chat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A real Redis for tests: a Testcontainers container when a Docker daemon is available, otherwise
 * the Debian {@code redis-server} binary on a free loopback port. One per JVM, shared by the test
 * classes, which keep apart by using unique key prefixes; stopped when the JVM exits.
 */
public final class RedisServer {

    private static RedisServer shared;

    private final String host;
    private final int port;
    private final Runnable stopper;

    private RedisServer(String host, int port, Runnable stopper) {
        this.host = host;
        this.port = port;
        this.stopper = stopper;
    }

    public static synchronized RedisServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.stopper));
        }
        return shared;
    }

    public String url() {
        return "redis://" + host + ":" + port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    private static RedisServer start() {
        if (dockerAvailable()) {
            GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379)
                    .withCommand("redis-server", "--save", "", "--appendonly", "no");
            container.start();
            return new RedisServer(container.getHost(), container.getMappedPort(6379), container::stop);
        }
        return startBinary();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * A redis-server binary of its own (never the shared one), with extra settings such as a small
     * {@code --maxmemory}: for tests that change the server itself. {@link #stop()} ends it.
     */
    public static RedisServer dedicated(String... settings) {
        return startBinary(settings);
    }

    /** Ends a {@link #dedicated} server. */
    public void stop() {
        stopper.run();
    }

    private static RedisServer startBinary(String... settings) {
        try {
            int port = freePort();
            Path dir = Files.createTempDirectory("redis-test");
            List<String> command = new java.util.ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1", "--port",
                    Integer.toString(port), "--save", "", "--appendonly", "no", "--dir", dir.toString()));
            command.addAll(List.of(settings));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            awaitListening(process, port, dir);
            return new RedisServer("127.0.0.1", port, process::destroy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (apt-get install -y redis-server)", e);
        }
    }

    static void awaitListening(Process process, int port, Path dir) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not listen on " + port + " within 20 s");
    }

    /** Whether nothing listens on {@code port} of the loopback address now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
