package dev.chat.node.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;

import dev.chat.contract.RedisKeys;
import dev.chat.node.broker.RedisBroker;
import dev.chat.node.broker.ShardConnector;
import dev.chat.node.config.NodeConfig;
import dev.chat.node.hub.Hub;
import dev.chat.node.identity.IdentityTokens;
import dev.chat.node.identity.NameGenerator;
import dev.chat.node.metrics.NodeMetrics;
import dev.chat.node.ops.OpsConfig;
import dev.chat.node.ops.OpsHeartbeat;
import dev.chat.node.protocol.FrameParser;
import dev.chat.node.store.MessageStore;
import dev.chat.node.store.PresenceStore;
import dev.chat.node.store.RoomEntrance;
import dev.chat.node.store.RoomDirectory;
import dev.chat.node.store.RosterStore;
import dev.chat.node.ws.ConnectionFootprint;

/** Wires the plain classes together from config, so they stay free of CDI and easy to test. */
@ApplicationScoped
public class NodeBeans {

    @Produces
    @Singleton
    ChatNode chatNode(Vertx vertx, Redis redis, NodeConfig config, ObjectMapper mapper, NameGenerator names,
            NodeMetrics metrics,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType,
            @ConfigProperty(name = "quarkus.redis.hosts") Optional<List<URI>> redisHosts,
            @ConfigProperty(name = "quarkus.redis.password") Optional<String> redisPassword) {
        RedisKeys keys = new RedisKeys(config.redis().keyPrefix());
        Hub hub = new Hub();
        RedisBroker broker = new RedisBroker(vertx, redis, keys, new RedisBroker.Interest() {
            @Override
            public boolean wants(String room) {
                return hub.hasMembers(room);
            }

            @Override
            public java.util.Set<String> rooms() {
                return hub.roomIds();
            }
        }, "cluster".equalsIgnoreCase(clientType) ? ShardConnector.cluster(vertx, redisHosts.orElse(List.of()),
                redisPassword.orElse(null))
                : ShardConnector.single(redis), config.redis().reconnectDelay(), config.redis().reconnectMaxDelay());
        String nodeId = nodeId(config);
        // this process's own: a restart under a fixed chat.node.id does not inherit the users of
        // the previous process, which lapse with its entry
        String presenceId = dev.chat.contract.Presence.instance(nodeId);
        SharedIdentitySecret secret = SharedIdentitySecret.start(config, vertx, redis, keys, names);
        NodeParts parts = new NodeParts(broker,
                new MessageStore(redis, keys, config.history().maxLen(), config.history().maxBytes(),
                        new RoomEntrance(redis, keys, nodeId, presenceId, config.presence().ttl(),
                                config.history().size(), config.history().maxLen())),
                new PresenceStore(redis, keys, nodeId, presenceId, config.presence().ttl()),
                new RosterStore(redis, keys, nodeId),
                new RoomDirectory(redis, keys, config.general().clearInterval().toSeconds()));
        ChatNode chat = new ChatNode(vertx, nodeId, hub, parts,
                new FrameParser(mapper, config.limits().maxTextLength(), config.limits().maxClientIdLength()),
                names, new IdentityTokens(secret.key(), config.identity().tokenLifetime()), config, metrics,
                secret::reassert);
        metrics.bind(chat.gate()::openConnections, hub::roomCount, hub::delivered);
        return chat;
    }

    @Produces
    @Singleton
    ConnectionGate connectionGate(ChatNode chat) {
        return chat.gate();
    }

    @Produces
    @Singleton
    SessionCommands sessionCommands(ChatNode chat) {
        return chat.commands();
    }

    @Produces
    @Singleton
    NodeMetrics nodeMetrics(MeterRegistry registry) {
        return new NodeMetrics(registry);
    }

    @Produces
    @Singleton
    OpsHeartbeat opsHeartbeat(Vertx vertx, Redis redis, NodeConfig config, OpsConfig ops, NodeMetrics metrics,
            ChatNode chat) {
        return new OpsHeartbeat(vertx, redis, new RedisKeys(config.redis().keyPrefix()), chat.nodeId(), metrics, ops,
                chat.gate()::draining);
    }

    @Produces
    @Singleton
    dev.chat.contract.ClientAddressPolicy clientAddressPolicy(NodeConfig config) {
        return new dev.chat.contract.ClientAddressPolicy(config.trustedProxies());
    }

    @Produces
    @Singleton
    NameGenerator nameGenerator() {
        return new NameGenerator();
    }

    void onStart(@Observes StartupEvent event, ChatNode chat, OpsHeartbeat heartbeat) {
        ConnectionFootprint.install();
        chat.start();
        heartbeat.start();
    }

    /**
     * SIGTERM starts Quarkus' pre-shutdown phase (quarkus.shutdown.delay-enabled): sockets still
     * work here, so clients are moved off with 1012 before anything closes them with 1000.
     */
    void onShutdownRequested(@Observes ShutdownDelayInitiatedEvent event, ConnectionGate gate, NodeConfig config) {
        gate.drain(config.drain().timeout());
    }

    void onStop(@Observes ShutdownEvent event, ChatNode chat, NodeConfig config, OpsHeartbeat heartbeat) {
        chat.gate().drain(config.drain().timeout()); // at once when already drained
        // out of the operations view now rather than when the heartbeat expires
        try {
            heartbeat.stop().toCompletionStage().toCompletableFuture().get(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the key expires by itself
        }
        chat.stop();
    }

    private static String nodeId(NodeConfig config) {
        return config.node().id().orElseGet(() -> {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "node";
            }
            return host + "-" + new NameGenerator().randomId(4);
        });
    }
}
