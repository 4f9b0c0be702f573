package dev.chat.registry.service;

import java.util.List;

import dev.chat.contract.LuaScript;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Redis;

/**
 * A per-client counter in a fixed window, one key (one slot) of its own: a request takes a unit
 * before its other steps and gives it back when a later step refuses. A request that stops
 * between the two keeps its unit until the window ends: stricter by one, never looser.
 */
final class RateCounter {

    private static final LuaScript TAKE = new LuaScript("""
            local count = tonumber(redis.call('GET', KEYS[1]) or '0')
            if count >= tonumber(ARGV[1]) then
              return 0
            end
            if redis.call('INCR', KEYS[1]) == 1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 1
            """);

    // never below zero, never a key without expiry (a counter expired meanwhile stays gone), and a
    // unit given back as the only one leaves no key at all: a refused request leaves no trace
    private static final LuaScript GIVE_BACK = new LuaScript("""
            local count = tonumber(redis.call('GET', KEYS[1]) or '0')
            if count > 1 then
              redis.call('DECR', KEYS[1])
            elseif count == 1 then
              redis.call('DEL', KEYS[1])
            end
            return 1
            """);

    private RateCounter() {
    }

    /** True when the unit was taken, false when the window's allowance is used up. */
    static Uni<Boolean> take(Redis redis, String key, int allowed, long ttlMillis) {
        return Futures.uni(() -> TAKE.run(redis, List.of(key), List.of(Integer.toString(allowed), Long.toString(ttlMillis))))
                .map(reply -> reply.toInteger() == 1);
    }

    /** Best effort: a lost give-back only makes the window stricter by one. */
    static Uni<Void> giveBack(Redis redis, String key) {
        return Futures.uni(() -> GIVE_BACK.run(redis, List.of(key), List.of())).replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
