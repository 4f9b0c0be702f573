package dev.chat.node.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chat.testing.RedisClusterServer;

/** The broker's hash slots are Redis' own: compared with {@code CLUSTER KEYSLOT} of a real cluster. */
class HashSlotTest {

    @Test
    void slotsAreThoseRedisComputesHashTagsIncluded() {
        RedisClusterServer cluster = RedisClusterServer.shared();
        int port = cluster.nodes().get(0).port();
        for (String key : List.of("foo", "123456789", "chat:{general}:channel", "chat:{general}:meta",
                "p:{room-1}:history", "{}", "{}x", "a{b", "a}b{c}d", "{a}{b}", "x{}{y}", "ünïcödé:{ß}")) {
            int expected = Integer.parseInt(cluster.cli(port, "cluster", "keyslot", key).trim());
            assertEquals(expected, HashSlot.of(key), key);
        }
    }
}
