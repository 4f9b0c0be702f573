package dev.chat.node.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;

import dev.chat.node.config.NodeConfig;
import dev.chat.node.hub.Hub;
import dev.chat.node.identity.IdentityTokens;
import dev.chat.node.identity.NameGenerator;
import dev.chat.node.memory.MemoryBroker;
import dev.chat.node.memory.MemoryMessageLog;
import dev.chat.node.memory.MemoryPresence;
import dev.chat.node.memory.MemoryRooms;
import dev.chat.node.metrics.NodeMetrics;
import dev.chat.node.protocol.FrameParser;

/**
 * A chat node of a unit test: the real gate, commands and node events over the memory
 * implementations of the node's parts, no Quarkus and no Redis. Nodes made from one
 * {@link Cluster} share its rooms, history, presence and channels, as nodes share one Redis.
 */
final class TestNode {

    /** What the nodes of one test share (their Redis), and the Vert.x their timers run on. */
    static final class Cluster implements AutoCloseable {
        final Vertx vertx = Vertx.vertx();
        final MemoryBroker.Channels channels = new MemoryBroker.Channels();
        final MemoryRooms rooms = new MemoryRooms();
        final MemoryPresence presence = new MemoryPresence("node-a");
        final MemoryMessageLog log = new MemoryMessageLog(rooms, presence, channels);
        private final java.util.List<TestNode> nodes = new java.util.ArrayList<>();

        TestNode node(String nodeId, String... settings) {
            TestNode node = new TestNode(this, nodeId, settings);
            nodes.add(node);
            return node;
        }

        @Override
        public void close() {
            nodes.forEach(node -> node.chat.stop());
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static final byte[] SECRET = "unit-test-identity-secret".getBytes(StandardCharsets.UTF_8);

    final Hub hub = new Hub();
    final MemoryBroker broker;
    final MemoryPresence presence;
    final ChatNode chat;
    final NodeConfig config;

    /** @param settings {@code key=value} pairs of {@code chat.*} settings; the rest keep their defaults */
    private TestNode(Cluster cluster, String nodeId, String... settings) {
        this.config = config(settings);
        this.broker = new MemoryBroker(cluster.channels, hub::hasMembers);
        this.presence = cluster.presence.onNode(nodeId);
        NodeParts parts = new NodeParts(broker, cluster.log.onNode(presence), presence, presence, cluster.rooms);
        this.chat = new ChatNode(cluster.vertx, nodeId, hub, parts,
                new FrameParser(new ObjectMapper(), config.limits().maxTextLength(), config.limits().maxClientIdLength()),
                new NameGenerator(), new IdentityTokens(SECRET), config, new NodeMetrics(new SimpleMeterRegistry()), () -> {
                });
        chat.start();
    }

    static NodeConfig config(String... settings) {
        Map<String, String> values = new HashMap<>();
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            values.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
        return new SmallRyeConfigBuilder().withMapping(NodeConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(values, "test", 500)).build().getConfigMapping(NodeConfig.class);
    }

    /** A new connection from this address, through the gate (welcome, or closed at once). */
    TestClient connect(String address) {
        TestClient client = new TestClient(this);
        client.session = chat.gate().open(null, client, address);
        if (client.closedWith != null) {
            chat.commands().close(client.session); // closed while opening: the socket's close follows
        }
        return client;
    }
}
