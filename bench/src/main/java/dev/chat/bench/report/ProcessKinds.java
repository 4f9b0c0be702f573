package dev.chat.bench.report;

import java.util.List;

/**
 * The process kinds the sampler reports, named once: tables and charts group CPU by them, and a
 * typo in one place would silently show "–".
 */
final class ProcessKinds {

    static final String CHAT_NODE = "chat-node";
    static final String REDIS = "redis";
    static final String NGINX = "nginx";
    static final String REGISTRY = "registry";

    static final List<String> ALL = List.of(CHAT_NODE, REDIS, NGINX, REGISTRY);

    private ProcessKinds() {
    }
}
