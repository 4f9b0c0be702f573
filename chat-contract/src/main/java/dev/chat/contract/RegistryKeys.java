package dev.chat.contract;

/**
 * The keys only the registry uses (name index, rate limits, a room's attachment ids), derived
 * from the shared {@link RedisKeys} and kept beside them, so the whole key schema and its prefix
 * live in this module.
 */
public final class RegistryKeys {

    private static final String MARK = "#";
    private static final String SEQ = "seq";

    private final RedisKeys shared;

    public RegistryKeys(RedisKeys shared) {
        this.shared = shared;
        if (!shared.seq(MARK).endsWith(":" + SEQ)) {
            throw new IllegalStateException("unexpected room key layout: " + shared.seq(MARK));
        }
    }

    public RedisKeys shared() {
        return shared;
    }

    /**
     * Hash: name key ({@code NewRoomParser#nameKey}) of an active room → its id. An entry whose room
     * meta is gone is free. In the directory's slot, with the room index.
     */
    public String roomNames() {
        return shared.directory("names");
    }

    /**
     * Hash: room id → its key in {@link #roomNames()}, so that freeing a gone room's name costs
     * one lookup rather than a scan of every name.
     */
    public String roomNameKeys() {
        return shared.directory("name-keys");
    }

    /** Counter of rooms created from {@code address} in the fixed one-minute window {@code minute}. */
    public String createRateLimit(String address, long minute) {
        return shared.prefix() + ":ratelimit:create:" + address + ":" + minute;
    }

    /** Counter of attachments uploaded from {@code address} in the fixed one-minute window {@code minute}. */
    public String uploadRateLimit(String address, long minute) {
        return shared.prefix() + ":ratelimit:upload:" + address + ":" + minute;
    }

    /**
     * Set of the ids of a room's attachments, so deleting the room finds them without a SCAN. A
     * room key (same hash tag), expiring with the room's latest attachment; ids whose attachment
     * has expired stay until then and are harmless.
     */
    public String attachmentIds(String roomId) {
        String seq = shared.seq(roomId);
        return seq.substring(0, seq.length() - SEQ.length()) + "attachments";
    }

    /** Bytes of images a room holds in this clear period; a room key, expiring with its attachments. */
    public String attachmentBytes(String roomId) {
        String seq = shared.seq(roomId);
        return seq.substring(0, seq.length() - SEQ.length()) + "attachment-bytes";
    }

    /**
     * Bytes of images all rooms hold. The three totals share the hash tag {@code {attachments}}:
     * one slot, changed together by one script on a Redis Cluster.
     */
    public String attachmentBytesTotal() {
        return shared.prefix() + ":{attachments}:bytes";
    }

    /** Sorted set: attachment id → when it expires, so expired ones stop counting in {@link #attachmentBytesTotal()}. */
    public String attachmentExpiries() {
        return shared.prefix() + ":{attachments}:expiries";
    }

    /** Hash: attachment id → its size in bytes, for {@link #attachmentBytesTotal()}. */
    public String attachmentSizes() {
        return shared.prefix() + ":{attachments}:sizes";
    }
}
