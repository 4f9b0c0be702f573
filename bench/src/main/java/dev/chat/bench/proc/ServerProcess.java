package dev.chat.bench.proc;

import java.util.List;

/**
 * A server process of the cluster as the benchmark samples it: a name (chat-node-1, redis, ...),
 * its kind (chat-node, redis, nginx, registry) and its pids (nginx: the master and its workers).
 */
public record ServerProcess(String name, String kind, List<Long> pids) {

    public static String kindOf(String name) {
        if (name.startsWith("chat-node")) {
            return "chat-node";
        }
        return switch (name) {
            case "gateway" -> "nginx";
            case "room-registry" -> "registry";
            default -> name;
        };
    }
}
