package dev.chat.registry.service;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;

/**
 * Bridges the plain Vert.x Redis client (which the contract's {@code LuaScript} and binary
 * arguments need) to the {@link Uni}s the REST layer returns.
 */
final class Futures {

    private Futures() {
    }

    /** The call as a lazy {@link Uni}: made on subscription, never eagerly. */
    static <T> Uni<T> uni(Supplier<Future<T>> call) {
        return Uni.createFrom().completionStage(() -> call.get().toCompletionStage());
    }
}
