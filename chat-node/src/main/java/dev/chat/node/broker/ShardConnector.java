package dev.chat.node.broker;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

/**
 * Where the broker's subscriber connections come from. On a single Redis: the one address, through
 * the service's own client. On a Redis Cluster: {@code CLUSTER SLOTS} asked of any known node, and
 * a plain (non-cluster) connection per master, with the credentials of the seed addresses; the
 * cluster client's own connection would spread a subscriber over every node and hide which one
 * dropped.
 */
public interface ShardConnector {

    Future<ShardTopology> topology();

    Future<RedisConnection> connect(String endpoint);

    /** Ends what the connector opened (its own clients); the service's client is not its to close. */
    void close();

    public static ShardConnector single(Redis redis) {
        return new ShardConnector() {
            @Override
            public Future<ShardTopology> topology() {
                return Future.succeededFuture(ShardTopology.single());
            }

            @Override
            public Future<RedisConnection> connect(String endpoint) {
                return redis.connect();
            }

            @Override
            public void close() {
                // the service's client
            }
        };
    }

    /**
     * @param seeds    the cluster's seed addresses ({@code quarkus.redis.hosts}), credentials in them or
     * @param password {@code quarkus.redis.password}, null when the URLs carry the credentials
     */
    public static ShardConnector cluster(Vertx vertx, List<URI> seeds, String password) {
        return new ClusterShards(vertx, seeds, password);
    }

    /** A Redis Cluster's masters, each reached with a client of its own. */
    final class ClusterShards implements ShardConnector {

        private final Vertx vertx;
        private final List<URI> seeds;
        private final Map<String, Redis> clients = new ConcurrentHashMap<>();
        private final List<String> known = new ArrayList<>();
        private final String password;
        // guarded by known: the topology request under way, if any
        private Future<ShardTopology> inFlight;

        ClusterShards(Vertx vertx, List<URI> seeds, String password) {
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("no Redis Cluster seed address (quarkus.redis.hosts)");
            }
            this.vertx = vertx;
            this.seeds = List.copyOf(seeds);
            this.password = password;
            seeds.forEach(s -> known.add(s.getHost() + ":" + s.getPort()));
        }

        /**
         * One {@code CLUSTER SLOTS} at a time: the rooms of a moved slot all ask at once (one
         * unsolicited sunsubscribe each) and share the answer.
         */
        @Override
        public Future<ShardTopology> topology() {
            List<String> candidates;
            Promise<ShardTopology> asked = Promise.promise();
            synchronized (known) {
                if (inFlight != null) {
                    return inFlight;
                }
                inFlight = asked.future();
                candidates = List.copyOf(known);
            }
            ask(candidates, 0, null).onComplete(result -> {
                synchronized (known) {
                    inFlight = null;
                }
                asked.handle(result);
            });
            return asked.future();
        }

        private Future<ShardTopology> ask(List<String> candidates, int index, Throwable last) {
            if (index >= candidates.size()) {
                return Future.failedFuture(last != null ? last : new IllegalStateException("no Redis Cluster node"));
            }
            return connect(candidates.get(index))
                    .compose(conn -> conn.send(Request.cmd(Command.CLUSTER).arg("SLOTS")).eventually(() -> conn.close()))
                    .map(ShardTopology::fromClusterSlots)
                    .compose(topology -> {
                        if (!topology.complete()) {
                            return Future.failedFuture("the Redis Cluster serves not every slot now");
                        }
                        synchronized (known) {
                            topology.masters().stream().filter(m -> !known.contains(m)).forEach(known::add);
                        }
                        return Future.succeededFuture(topology);
                    })
                    .recover(failure -> ask(candidates, index + 1, failure));
        }

        @Override
        public Future<RedisConnection> connect(String endpoint) {
            return clients.computeIfAbsent(endpoint, this::client).connect();
        }

        private Redis client(String endpoint) {
            URI seed = seeds.get(0);
            String userInfo = seed.getRawUserInfo() == null ? "" : seed.getRawUserInfo() + "@";
            String url = seed.getScheme() + "://" + userInfo + endpoint;
            // two: the subscriber keeps one, CLUSTER SLOTS may borrow the other
            RedisOptions options = new RedisOptions().setConnectionString(url).setMaxPoolSize(2).setMaxPoolWaiting(16);
            if (password != null) {
                options.setPassword(password);
            }
            return Redis.createClient(vertx, options);
        }

        @Override
        public void close() {
            clients.values().forEach(Redis::close);
            clients.clear();
        }
    }
}
