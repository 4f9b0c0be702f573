package dev.chat.registry.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chat.contract.GeneralRoom;
import dev.chat.contract.RoomMeta;

/** Meta + PTTL + presence count → the contract's room view, at one instant. */
class RoomMapperTest {

    @Test
    void generalHasNoExpiry() {
        RoomView view = RoomMapper.toView(GeneralRoom.meta(300, 1_000), 3, -1, 1_500);
        assertEquals(new RoomView("general", "General", 300, null, 3, 1_000, 301_000, null), view);
    }

    @Test
    void anExpiringRoomExpiresAtNowPlusPttl() {
        RoomMeta meta = new RoomMeta("abc", "Abc", 60, 120L, 10_000, true);
        RoomView view = RoomMapper.toView(meta, 0, 90_000, 40_000);
        assertEquals(130_000L, view.expiresAt());
        assertEquals(120L, view.expirySeconds());
        assertEquals(70_000, view.nextClearAt());
    }

    @Test
    void aMissingTtlGivesNoExpiresAt() {
        RoomMeta meta = new RoomMeta("abc", "Abc", 60, 120L, 10_000, true);
        assertNull(RoomMapper.toView(meta, 0, -1, 40_000).expiresAt());
    }

    @Test
    void nextClearAtIsStrictlyAfterNowOnABoundary() {
        RoomMeta meta = new RoomMeta("abc", "Abc", 60, null, 10_000, true);
        assertEquals(130_000, RoomMapper.toView(meta, 0, -1, 70_000).nextClearAt());
    }

    @Test
    void generalComesFirstThenNamesIgnoringCase() {
        List<RoomView> rooms = new ArrayList<>(List.of(view("b", "beta"), view("g", "gamma"),
                view("general", "General"), view("a", "Alpha"), view("z", "alpha")));
        rooms.sort(RoomMapper.LISTING_ORDER);
        assertEquals(List.of("general", "a", "z", "b", "g"), rooms.stream().map(RoomView::id).toList());
    }

    private static RoomView view(String id, String name) {
        return new RoomView(id, name, 60, null, 0, 0, 60_000, null);
    }
}
