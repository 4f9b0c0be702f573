package dev.chat.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RoomMetaTest {

    @Test
    void roundTripsThroughTheHash() {
        RoomMeta meta = new RoomMeta("r1", "Study", 180, 300L, 5_000, false);
        assertEquals(meta, RoomMeta.fromHash("r1", meta.toHash()));
        RoomMeta general = GeneralRoom.meta(300, 7);
        assertEquals(general, RoomMeta.fromHash("general", general.toHash()));
        assertNull(RoomMeta.fromHash("general", general.toHash()).expirySeconds());
    }

    @Test
    void missingOrCorruptHashMeansNoRoom() {
        assertNull(RoomMeta.fromHash("r1", Map.of()));
        assertNull(RoomMeta.fromHash("r1", Map.of("name", "x")));
        assertNull(RoomMeta.fromHash("r1", Map.of("name", "x", "createdAt", "nan", "clearIntervalSeconds", "5")));
    }
}
