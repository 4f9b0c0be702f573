package dev.chat.registry.mapping;

import java.util.Comparator;

import dev.chat.contract.GeneralRoom;
import dev.chat.contract.RoomMeta;

/**
 * Turns what Redis holds about a room into its REST view, at one instant {@code now}, so that
 * every time in an answer is computed from the same clock reading.
 */
public final class RoomMapper {

    /** General first (it is where everyone lands), then by name ignoring case, ties by id. */
    public static final Comparator<RoomView> LISTING_ORDER = Comparator
            .comparing((RoomView room) -> !GeneralRoom.ID.equals(room.id()))
            .thenComparing(RoomView::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(RoomView::name)
            .thenComparing(RoomView::id);

    private RoomMapper() {
    }

    /**
     * @param users      present users whose presence has not lapsed at {@code now}
     * @param pttlMillis the meta key's remaining time to live as PTTL reports it (negative: none)
     */
    public static RoomView toView(RoomMeta meta, long users, long pttlMillis, long now) {
        Long expiresAt = meta.expirySeconds() != null && pttlMillis >= 0 ? now + pttlMillis : null;
        return new RoomView(meta.id(), meta.name(), meta.clearIntervalSeconds(), meta.expirySeconds(), users,
                meta.createdAt(), meta.clearSchedule().nextClearAt(now), expiresAt);
    }
}
