package dev.chat.bench.bare;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Starts {@link BareBroadcaster} where deploy/local/cluster starts a chat node, from the same
 * environment (QUARKUS_HTTP_HOST, QUARKUS_HTTP_PORT, CHAT_NODE_ID,
 * QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE): {@code bench/run --bare} runs it as CHAT_NODE_JAR.
 */
public final class BareMain {

    private BareMain() {
    }

    public static void main(String[] args) {
        String host = env("QUARKUS_HTTP_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("QUARKUS_HTTP_PORT", "8082"));
        int loops = Integer.parseInt(env("QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE",
                Integer.toString(Runtime.getRuntime().availableProcessors())));
        String node = env("CHAT_NODE_ID", "bare");
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
        BareBroadcaster.Rooms rooms = new BareBroadcaster.Rooms();
        vertx.deployVerticle(() -> new BareBroadcaster(rooms, node, host, port), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.printf("bare broadcaster %s listening on %s:%d, %d event loops%n", node, host, port, loops))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
