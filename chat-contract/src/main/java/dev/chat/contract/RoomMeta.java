package dev.chat.contract;

import java.util.HashMap;
import java.util.Map;

/**
 * A room's settings as stored in its Redis meta hash. The hash is the room's existence: when it
 * expires the room is gone.
 *
 * @param expirySeconds null for rooms that never expire (General)
 */
public record RoomMeta(String id, String name, long clearIntervalSeconds, Long expirySeconds, long createdAt,
        boolean historyForNewcomers) {

    public static final String NAME = "name";
    public static final String CLEAR_INTERVAL_SECONDS = "clearIntervalSeconds";
    public static final String EXPIRY_SECONDS = "expirySeconds";
    public static final String CREATED_AT = "createdAt";
    public static final String HISTORY_FOR_NEWCOMERS = "historyForNewcomers";

    public RoomMeta {
        if (clearIntervalSeconds <= 0) {
            throw new IllegalArgumentException("clearIntervalSeconds must be positive");
        }
    }

    public ClearSchedule clearSchedule() {
        return new ClearSchedule(createdAt, clearIntervalSeconds * 1000);
    }

    public Map<String, String> toHash() {
        Map<String, String> hash = new HashMap<>();
        hash.put(NAME, name);
        hash.put(CLEAR_INTERVAL_SECONDS, Long.toString(clearIntervalSeconds));
        hash.put(CREATED_AT, Long.toString(createdAt));
        hash.put(HISTORY_FOR_NEWCOMERS, Boolean.toString(historyForNewcomers));
        if (expirySeconds != null) {
            hash.put(EXPIRY_SECONDS, Long.toString(expirySeconds));
        }
        return hash;
    }

    /** Null when the hash is empty (the room does not exist) or not one we wrote. */
    public static RoomMeta fromHash(String id, Map<String, String> hash) {
        if (hash == null || hash.isEmpty() || !hash.containsKey(NAME) || !hash.containsKey(CREATED_AT)
                || !hash.containsKey(CLEAR_INTERVAL_SECONDS)) {
            return null;
        }
        try {
            String expiry = hash.get(EXPIRY_SECONDS);
            return new RoomMeta(id, hash.get(NAME), Long.parseLong(hash.get(CLEAR_INTERVAL_SECONDS)),
                    expiry == null || expiry.isEmpty() ? null : Long.valueOf(expiry),
                    Long.parseLong(hash.get(CREATED_AT)),
                    !"false".equals(hash.get(HISTORY_FOR_NEWCOMERS)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
