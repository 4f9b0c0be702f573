package dev.chat.node.broker;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import io.vertx.redis.client.Response;

/**
 * Which master serves each hash slot: from {@code CLUSTER SLOTS} on a Redis Cluster, or one
 * endpoint for every slot on a single Redis. Immutable; the broker replaces it when it learns
 * the topology changed (a connection lost, a slot moved).
 */
final class ShardTopology {

    /** The endpoint name of a single Redis: every slot is there. */
    static final String SINGLE = "single";

    private final String[] owners;

    private ShardTopology(String[] owners) {
        this.owners = owners;
    }

    static ShardTopology single() {
        String[] owners = new String[HashSlot.SLOTS];
        Arrays.fill(owners, SINGLE);
        return new ShardTopology(owners);
    }

    /** From a {@code CLUSTER SLOTS} reply: {@code [[start, end, [host, port, id], replicas...], ...]}. */
    static ShardTopology fromClusterSlots(Response reply) {
        String[] owners = new String[HashSlot.SLOTS];
        for (Response range : reply) {
            int start = range.get(0).toInteger();
            int end = range.get(1).toInteger();
            Response master = range.get(2);
            String endpoint = master.get(0).toString() + ":" + master.get(1).toInteger();
            Arrays.fill(owners, start, end + 1, endpoint);
        }
        return new ShardTopology(owners);
    }

    /** The endpoint ({@code host:port}) of the master that owns the channel's slot, or null when none does. */
    String ownerOf(String channel) {
        return owners[HashSlot.of(channel)];
    }

    /** Every master that owns a slot, once each. */
    Set<String> masters() {
        Set<String> masters = new LinkedHashSet<>();
        for (String owner : owners) {
            if (owner != null) {
                masters.add(owner);
            }
        }
        return masters;
    }

    boolean complete() {
        return Arrays.stream(owners).allMatch(o -> o != null);
    }
}
