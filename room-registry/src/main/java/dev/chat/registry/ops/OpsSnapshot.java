package dev.chat.registry.ops;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer of {@code GET /api/ops}: every live chat node's heartbeat as the node wrote it, the
 * rooms with the most users, and Redis' memory.
 *
 * @param nodes heartbeats (docs/protocol.md, "Operations view"), by node id
 */
public record OpsSnapshot(long at, List<JsonNode> nodes, List<TopRoom> rooms, RedisMemory redis) {

    public record TopRoom(String id, String name, long users) {
    }

    /** @param maxMemoryBytes null when Redis has no {@code maxmemory} limit */
    public record RedisMemory(long usedMemoryBytes, long peakMemoryBytes, Long maxMemoryBytes) {

        /** Reads the fields it needs from the text of {@code INFO memory}. */
        public static RedisMemory parse(String info) {
            long used = 0;
            long peak = 0;
            long max = 0;
            for (String line : info.split("\r?\n")) {
                int colon = line.indexOf(':');
                if (colon <= 0 || line.startsWith("#")) {
                    continue;
                }
                String name = line.substring(0, colon);
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "used_memory" -> used = parseLong(value);
                    case "used_memory_peak" -> peak = parseLong(value);
                    case "maxmemory" -> max = parseLong(value);
                    default -> {
                    }
                }
            }
            return new RedisMemory(used, peak, max > 0 ? max : null);
        }

        private static long parseLong(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
