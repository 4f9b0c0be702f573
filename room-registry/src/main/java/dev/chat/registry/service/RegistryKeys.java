package dev.chat.registry.service;

import dev.chat.contract.RedisKeys;

/**
 * The keys only the registry uses (name index, creation rate limit), next to the shared
 * {@link RedisKeys} they are derived from, so the prefix comes from one place.
 */
public final class RegistryKeys {

    private static final String MARK = "#";

    private final RedisKeys shared;
    private final String metaHead;
    private final String metaTail;

    public RegistryKeys(RedisKeys shared) {
        this.shared = shared;
        // Lua scripts build the meta key of a room they only learn inside Redis (the holder of a
        // name); they get RedisKeys' own layout split around the id rather than a copy of it.
        String sample = shared.meta(MARK);
        int at = sample.indexOf("{" + MARK + "}") + 1;
        this.metaHead = sample.substring(0, at);
        this.metaTail = sample.substring(at + MARK.length());
    }

    public RedisKeys shared() {
        return shared;
    }

    /** Hash: lower-cased name of an active room → its id. An entry whose room meta is gone is free. */
    public String roomNames() {
        return shared.prefix() + ":room-names";
    }

    /** Counter of rooms created from {@code address} in the fixed one-minute window {@code minute}. */
    public String createRateLimit(String address, long minute) {
        return shared.prefix() + ":ratelimit:create:" + address + ":" + minute;
    }

    /** What comes before a room id in its meta key. */
    public String metaHead() {
        return metaHead;
    }

    /** What comes after a room id in its meta key. */
    public String metaTail() {
        return metaTail;
    }
}
