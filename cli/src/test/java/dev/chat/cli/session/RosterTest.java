package dev.chat.cli.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The room's people from {@code roster} frames, by the page's rules (frontend/test/roster.test.js). */
class RosterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Roster roster = new Roster();

    /** {@code reset(v, "u-a", "Quiet Otter", "u-b", "Bold Heron")}. */
    static ObjectNode reset(long v, String... idsAndNames) {
        ObjectNode frame = JSON.createObjectNode().put("type", "roster").put("room", "r").put("reset", true).put("v", v);
        ArrayNode here = frame.putArray("here");
        for (int i = 0; i < idsAndNames.length; i += 2) {
            here.addObject().put("id", idsAndNames[i]).put("name", idsAndNames[i + 1]);
        }
        return frame;
    }

    /** A change: {@code here} entries are {@code {id, name, v}}, {@code gone} ones {@code {id, v}}. */
    static ObjectNode change(Object[][] here, Object[][] gone) {
        ObjectNode frame = JSON.createObjectNode().put("type", "roster").put("room", "r");
        ArrayNode list = frame.putArray("here");
        for (Object[] p : here) {
            list.addObject().put("id", (String) p[0]).put("name", (String) p[1]).put("v", ((Number) p[2]).longValue());
        }
        list = frame.putArray("gone");
        for (Object[] p : gone) {
            list.addObject().put("id", (String) p[0]).put("v", ((Number) p[1]).longValue());
        }
        return frame;
    }

    static ObjectNode here(Object[]... people) {
        return change(people, new Object[0][]);
    }

    static ObjectNode gone(Object[]... people) {
        return change(new Object[0][], people);
    }

    private List<String> names() {
        return roster.view(null, Set.of(), 50).shown().stream().map(Roster.Person::name).toList();
    }

    @Test
    void aSnapshotThenJoinsRenamesAndLeaves() {
        assertFalse(roster.known());
        assertTrue(roster.apply(reset(10, "u-a", "Quiet Otter", "u-b", "Bold Heron")));
        assertTrue(roster.known());
        assertEquals(List.of("Bold Heron", "Quiet Otter"), names());
        roster.apply(here(new Object[] { "u-c", "Calm Yak", 11 }));
        roster.apply(change(new Object[][] { { "u-a", "Night Owl", 12 } }, new Object[][] { { "u-b", 13 } }));
        assertEquals(List.of("Calm Yak", "Night Owl"), names());
    }

    @Test
    void changesOlderThanWhatIsKnownAreIgnoredWhateverOrderFramesArriveIn() {
        roster.apply(here(new Object[] { "u-c", "Calm Yak", 21 })); // a change that overtook the snapshot
        roster.apply(reset(20, "u-a", "Quiet Otter", "u-b", "Bold Heron"));
        assertEquals(List.of("Bold Heron", "Calm Yak", "Quiet Otter"), names(), "the newer join survives the older snapshot");
        roster.apply(change(new Object[][] { { "u-b", "Old Name", 18 } }, new Object[][] { { "u-a", 19 } }));
        assertEquals(List.of("Bold Heron", "Calm Yak", "Quiet Otter"), names(), "both already in the snapshot");
        roster.apply(gone(new Object[] { "u-d", 22 })); // gone before its join arrives
        roster.apply(here(new Object[] { "u-d", "Late Lynx", 21 }));
        assertEquals(List.of("Bold Heron", "Calm Yak", "Quiet Otter"), names());
        roster.apply(here(new Object[] { "u-d", "Back Lynx", 23 }));
        assertEquals(List.of("Back Lynx", "Bold Heron", "Calm Yak", "Quiet Otter"), names());
        assertFalse(roster.apply(reset(5, "u-x", "Stale Seal")), "an older snapshot changes nothing");
        assertFalse(names().contains("Stale Seal"));
    }

    @Test
    void aNewerSnapshotReplacesWhatItCoversAndKeepsWhatCameAfterIt() {
        roster.apply(reset(10, "u-a", "Quiet Otter", "u-b", "Bold Heron"));
        roster.apply(change(new Object[][] { { "u-c", "Calm Yak", 31 } }, new Object[][] { { "u-e", 32 } }));
        roster.apply(reset(30, "u-b", "Bold Heron", "u-e", "Gone Soon"));
        assertEquals(List.of("Bold Heron", "Calm Yak"), names(), "u-a left by 30; u-e left after it");
    }

    @Test
    void aChangeAboutSomeoneACappedSnapshotDidNotListIsAppliedWhenNewer() {
        roster.apply(reset(40, "u-a", "Quiet Otter"));
        roster.apply(here(new Object[] { "u-z", "Unlisted Urchin", 40 }));
        assertEquals(List.of("Quiet Otter"), names(), "as old as the snapshot: nothing new");
        roster.apply(here(new Object[] { "u-z", "Renamed Urchin", 41 }));
        assertEquals(List.of("Quiet Otter", "Renamed Urchin"), names());
    }

    @Test
    void ownIdentitiesComeFirstAndABigRoomIsCountedNotListed() {
        roster.apply(reset(1, "u-z", "Zesty Zebra", "u-me", "Witty Wombat", "u-a", "Able Ant"));
        Roster.View view = roster.view(5000L, Set.of("u-me"), 2);
        assertEquals(List.of(new Roster.Person("u-me", "Witty Wombat", true), new Roster.Person("u-a", "Able Ant", false)),
                view.shown());
        assertEquals(4998, view.more());
        assertEquals(0, roster.view(2L, Set.of(), 50).more(), "never fewer than listed");
        roster.clear();
        assertFalse(roster.known());
        assertEquals(new Roster.View(List.of(), 0), roster.view(null, Set.of(), 50));
    }

    @Test
    void goneUsersAreRememberedOnlyUpToTheCap() {
        roster.apply(reset(1));
        for (int i = 0; i <= Roster.MAX_TOMBSTONES; i++) {
            roster.apply(gone(new Object[] { "u-" + i, 100 + i }));
        }
        roster.apply(here(new Object[] { "u-0", "Oldest Tombstone", 50 }));
        roster.apply(here(new Object[] { "u-1", "Kept Tombstone", 50 }));
        assertEquals(List.of("Oldest Tombstone"), names(), "the oldest tombstone made room; the next one still holds");
    }

    @Test
    void malformedFramesAndEntriesChangeNothing() throws Exception {
        roster.apply(reset(1, "u-a", "Quiet Otter"));
        for (String frame : List.of("null", "\"x\"", "{\"here\":\"nope\"}",
                "{\"here\":[{\"id\":5,\"name\":\"x\",\"v\":2},{\"id\":\"u-b\",\"v\":2},{\"id\":\"\",\"name\":\"x\",\"v\":2},"
                        + "{\"id\":\"u-c\",\"name\":\"x\",\"v\":\"soon\"},{\"id\":\"u-d\",\"name\":\"x\",\"v\":2.5}]}",
                "{\"gone\":[{\"id\":\"u-a\"},{\"id\":\"u-a\",\"v\":\"9\"}]}",
                "{\"reset\":true,\"v\":\"soon\",\"here\":[]}", "{\"reset\":true,\"here\":[]}")) {
            JsonNode node = JSON.readTree(frame);
            assertFalse(roster.apply(node), frame);
        }
        assertFalse(roster.apply(null));
        assertEquals(List.of("Quiet Otter"), names());
    }
}
