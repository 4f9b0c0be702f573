package dev.chat.cli.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.cli.net.RoomInfo;
import dev.chat.cli.render.Line;
import dev.chat.cli.render.Renderer;
import dev.chat.cli.term.Screen;

/** The client's protocol state, driven frame by frame: what goes out, and what is printed. */
class SessionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long NOW = 1_763_900_000_000L;

    private final List<ObjectNode> sent = new ArrayList<>();
    private final List<String> printed = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private final List<String> navigated = new ArrayList<>();
    private final TreeMap<Long, List<Runnable>> timers = new TreeMap<>();
    private boolean connected = true;
    private String prompt;
    private int clientIds;
    private Session session;

    @BeforeEach
    void setUp() {
        Screen screen = new Screen() {
            @Override
            public void print(Line line) {
                printed.add(line.text());
            }

            @Override
            public void prompt(String text) {
                prompt = text;
            }
        };
        session = new Session(frame -> connected && sent.add(frame), screen, new Renderer(ZoneId.of("UTC"), "http://x"),
                (delay, task) -> {
                    timers.computeIfAbsent(delay, d -> new ArrayList<>()).add(task);
                    return () -> timers.getOrDefault(delay, new ArrayList<>()).remove(task);
                }, () -> "c" + (++clientIds), () -> NOW, tokens::add);
        session.navigator(navigated::add);
    }

    private static ObjectNode frame(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static ObjectNode welcome(String userId, String name, String token) {
        ObjectNode welcome = frame("welcome").put("node", "node-1").put("token", token);
        welcome.set("user", JSON.createObjectNode().put("id", userId).put("name", name));
        return welcome;
    }

    private static ObjectNode message(String room, long id, String userId, String name, String text, String clientId) {
        ObjectNode m = frame("message").put("room", room).put("id", Long.toString(id)).put("text", text)
                .put("ts", NOW);
        m.set("user", JSON.createObjectNode().put("id", userId).put("name", name));
        if (clientId != null) {
            m.put("clientId", clientId);
        }
        return m;
    }

    private static ObjectNode joined(String room, long users, JsonNode... history) {
        ObjectNode joined = frame("joined").put("room", room).put("users", users).put("recovered", true);
        ArrayNode list = joined.putArray("history");
        for (JsonNode m : history) {
            list.add(m);
        }
        return joined;
    }

    private ObjectNode lastSent() {
        return sent.get(sent.size() - 1);
    }

    private void runTimers() {
        List<Runnable> due = new ArrayList<>();
        timers.values().forEach(due::addAll);
        timers.clear();
        due.forEach(Runnable::run);
    }

    private void inGeneral() {
        session.handle(welcome("u-me", "Quiet Otter", "tok-1"));
        session.handle(joined("general", 2, message("general", 10, "u-b", "Bob", "earlier", null)));
        printed.clear();
        sent.clear();
    }

    @Test
    void onWelcomeItKeepsTheTokenJoinsGeneralAndPrintsTheHistory() {
        session.handle(welcome("u-me", "Quiet Otter", "tok-1"));
        assertEquals(List.of("tok-1"), tokens);
        assertEquals("tok-1", session.token());
        assertEquals("{\"type\":\"join\",\"room\":\"general\"}", lastSent().toString(), "no since on a first join");
        session.handle(joined("general", 2, message("general", 10, "u-b", "Bob", "earlier", null),
                message("general", 11, "u-c", "Carol", "later", null)));
        assertEquals(List.of("-- connected as Quiet Otter", "-- type a message and press Enter; /help lists the commands",
                "== General · 2 online ==", "[12:13] Bob: earlier", "[12:13] Carol: later"), printed);
        assertEquals(10L, session.oldestId());
    }

    @Test
    void liveMessagesArePrintedOnceInIdOrder() {
        inGeneral();
        session.handle(message("general", 12, "u-b", "Bob", "new", null));
        session.handle(message("general", 12, "u-b", "Bob", "new", null));
        session.handle(message("general", 11, "u-b", "Bob", "old", null));
        session.handle(message("other-room", 13, "u-b", "Bob", "elsewhere", null));
        assertEquals(List.of("[12:13] Bob: new"), printed);
    }

    @Test
    void aReconnectResumesWithSinceAndPrintsOnlyWhatWasMissed() {
        inGeneral();
        session.handle(message("general", 12, "u-b", "Bob", "before the cut", null));
        session.connectionLost(-1, 1500);
        assertEquals("-- connection lost; trying again in 1.5 s", printed.get(printed.size() - 1));
        printed.clear();
        session.handle(welcome("u-me", "Quiet Otter", "tok-1"));
        assertEquals("{\"type\":\"join\",\"room\":\"general\",\"since\":\"12\"}", lastSent().toString());
        session.handle(joined("general", 2, message("general", 12, "u-b", "Bob", "before the cut", null),
                message("general", 13, "u-b", "Bob", "during the cut", null)));
        assertEquals(List.of("-- reconnected as Quiet Otter", "[12:13] Bob: during the cut"), printed,
                "no second header, nothing printed twice");
    }

    @Test
    void aGapThatCouldNotBeFilledIsSaid() {
        inGeneral();
        session.connectionLost(1012, 0);
        session.handle(welcome("u-me", "Quiet Otter", "tok-1"));
        ObjectNode joined = joined("general", 2, message("general", 40, "u-b", "Bob", "much later", null));
        joined.put("recovered", false);
        session.handle(joined);
        assertTrue(printed.contains("-- the server is restarting; trying again in 0.0 s"), printed.toString());
        assertTrue(printed.contains("-- some messages could not be recovered"), printed.toString());
        assertEquals("[12:13] Bob: much later", printed.get(printed.size() - 1));
    }

    @Test
    void whatIsTypedOfflineGoesOutOnceJoinedAndIsResentWithTheSameIdUntilItComesBack() {
        connected = false;
        session.say("typed while offline  ");
        assertEquals(List.of("-- not connected: the message goes out once the connection is back"), printed);
        connected = true;
        session.handle(welcome("u-me", "Quiet Otter", "tok-1"));
        session.handle(joined("general", 1));
        assertEquals("{\"type\":\"send\",\"text\":\"typed while offline\",\"clientId\":\"c1\"}", lastSent().toString());

        session.connectionLost(-1, 100); // the echo never came
        sent.clear();
        session.handle(welcome("u-me", "Quiet Otter", "tok-1"));
        session.handle(joined("general", 1));
        assertEquals(2, sent.size(), sent.toString());
        assertEquals("c1", lastSent().get("clientId").asText(), "resent under its id: the server stores it once");

        session.handle(message("general", 20, "u-me", "Quiet Otter", "typed while offline", "c1"));
        session.connectionLost(-1, 100);
        sent.clear();
        session.handle(welcome("u-me", "Quiet Otter", "tok-1"));
        session.handle(joined("general", 1));
        assertEquals(1, sent.size(), "only the join: the message came back, nothing to resend " + sent);
    }

    @Test
    void aMessageInTheHistoryConfirmsAPendingSend() {
        inGeneral();
        connected = false;
        session.say("hello");
        connected = true;
        session.connectionLost(-1, 100);
        session.handle(welcome("u-me", "Quiet Otter", "tok-1"));
        sent.clear();
        session.handle(joined("general", 1, message("general", 11, "u-me", "Quiet Otter", "hello", "c1")));
        assertTrue(sent.isEmpty(), sent.toString());
    }

    @Test
    void tooLongOrBlankTextIsNotSent() {
        inGeneral();
        session.say("x".repeat(Session.MAX_TEXT + 1));
        session.say("   ");
        assertTrue(sent.isEmpty());
        assertEquals(List.of("!! not sent: the message has 2001 characters, at most 2000"), printed);
        session.say("😀".repeat(Session.MAX_TEXT));
        assertEquals(1, sent.size(), "2000 characters are 4000 UTF-16 units and fine");
    }

    @Test
    void rateLimitedSendsGoAgainAfterTheWait() {
        inGeneral();
        session.say("one");
        session.handle(frame("error").put("code", "rate_limited").put("message", "slow").put("retryAfterMs", 250));
        assertEquals("!! slow down: sending again in 0.3 s", printed.get(printed.size() - 1));
        session.say("two");
        assertEquals(1, sent.size(), "while throttled, new messages wait");
        assertTrue(timers.containsKey(250L));
        runTimers();
        assertEquals(List.of("one", "one", "two"), sent.stream().map(f -> f.get("text").asText()).toList());
    }

    @Test
    void aBusyJoinIsRetriedAfterTheWait() {
        session.handle(welcome("u-me", "Quiet Otter", "tok-1"));
        session.handle(frame("error").put("code", "busy").put("message", "busy").put("retryAfterMs", 700));
        assertTrue(printed.stream().noneMatch(l -> l.startsWith("!!")), "busy is nobody's fault: " + printed);
        sent.clear();
        runTimers();
        assertEquals("join", lastSent().get("type").asText());
    }

    @Test
    void switchingRoomsJoinsFreshAndForgetsTheOldRoom() {
        inGeneral();
        session.enter("k3jx7qa2mb", new RoomInfo("k3jx7qa2mb", "Study %group", 120, 600L, 1, NOW + 60_000, NOW + 600_000));
        assertEquals("Study %%group> ", prompt);
        assertEquals("{\"type\":\"join\",\"room\":\"k3jx7qa2mb\"}", lastSent().toString(), "no since for a new room");
        session.handle(message("general", 30, "u-b", "Bob", "in general", null));
        session.handle(joined("k3jx7qa2mb", 1, message("k3jx7qa2mb", 5, "u-b", "Bob", "study", null)));
        assertEquals(List.of("== Study %group · 1 online · clears every 2 min (next in 1:00) ==", "[12:13] Bob: study"),
                printed);
        assertEquals(5L, session.oldestId());
        printed.clear();
        session.enter("k3jx7qa2mb", null);
        assertEquals(List.of("-- you are in Study %group already"), printed);
    }

    @Test
    void anExpiredRoomSendsTheUserBackToGeneral() {
        inGeneral();
        session.enter("k3jx7qa2mb", null);
        session.handle(joined("k3jx7qa2mb", 1));
        session.handle(frame("expired").put("room", "k3jx7qa2mb"));
        assertEquals("-- k3jx7qa2mb expired or was deleted; back to General", printed.get(printed.size() - 1));
        assertEquals(List.of("general"), navigated);
    }

    @Test
    void aRoomThatIsGoneOnJoinSendsTheUserBackToGeneral() {
        inGeneral();
        session.enter("gone", null);
        session.handle(frame("error").put("code", "no_such_room").put("message", "no such room"));
        assertEquals("!! gone does not exist (any more); back to General", printed.get(printed.size() - 1));
        assertEquals(List.of("general"), navigated);
    }

    @Test
    void noticesOfOthersArePrintedButNotOwnOnes() {
        inGeneral();
        ObjectNode join = frame("notice").put("room", "general").put("kind", "join").put("ts", NOW);
        join.set("user", JSON.createObjectNode().put("id", "u-n").put("name", "Night Owl"));
        session.handle(join);
        ObjectNode own = join.deepCopy();
        own.set("user", JSON.createObjectNode().put("id", "u-me").put("name", "Quiet Otter"));
        session.handle(own);
        assertEquals(List.of("[12:13] * Night Owl joined"), printed);
    }

    private List<String> who() {
        printed.clear();
        session.who(50);
        return List.copyOf(printed);
    }

    @Test
    void whoListsThePeopleOfTheRosterYouFirstAndNamesNeutralised() {
        inGeneral();
        assertEquals(List.of("-- you are Quiet Otter (through chat node node-1)", "-- General · 2 online",
                "-- who is here is not known yet"), who());
        session.handle(RosterTest.reset(10, "u-b", "Bob", "u-me", "Quiet Otter").put("room", "general"));
        session.handle(frame("presence").put("room", "general").put("users", 3));
        session.handle(RosterTest.here(new Object[] { "u-e", "Eve\u001b[2J\nforged", 11 }).put("room", "general"));
        assertEquals(List.of("-- you are Quiet Otter (through chat node node-1)", "-- General · 3 online",
                "-- here: Quiet Otter (you), Bob, Eve␛[2J␊forged"), who());
        session.handle(RosterTest.gone(new Object[] { "u-b", 12 }).put("room", "general"));
        session.handle(frame("presence").put("room", "general").put("users", 2));
        session.handle(RosterTest.here(new Object[] { "u-b", "Stale Bob", 11 }).put("room", "general"));
        session.handle(RosterTest.here(new Object[] { "u-x", "Elsewhere", 13 }).put("room", "k3jx7qa2mb"));
        assertEquals("-- here: Quiet Otter (you), Eve␛[2J␊forged", who().get(2), "older news and other rooms change nothing");
    }

    @Test
    void aCappedRosterSaysHowManyMore() {
        inGeneral();
        session.handle(RosterTest.reset(10, "u-b", "Bob", "u-me", "Quiet Otter", "u-c", "Carol").put("room", "general"));
        session.handle(frame("presence").put("room", "general").put("users", 5000));
        printed.clear();
        session.who(2);
        assertEquals("-- here: Quiet Otter (you), Bob and 4998 more", printed.get(2));
    }

    @Test
    void theRosterStartsAfreshInAnotherRoomAndIsIgnoredBeforeTheJoin() {
        inGeneral();
        session.handle(RosterTest.reset(10, "u-b", "Bob", "u-me", "Quiet Otter").put("room", "general"));
        session.enter("k3jx7qa2mb", null);
        session.handle(RosterTest.reset(50, "u-x", "Too Early").put("room", "k3jx7qa2mb"));
        assertEquals("-- who is here is not known yet", who().get(2), "nothing of General, nothing before joined");
        session.handle(joined("k3jx7qa2mb", 1));
        session.handle(RosterTest.reset(5, "u-me", "Quiet Otter").put("room", "k3jx7qa2mb"));
        assertEquals("-- here: Quiet Otter (you)", who().get(2), "a lower version than General's is fine in another room");
    }

    @Test
    void olderMessagesArePrintedOldestFirstAndMoveTheStartBack() {
        inGeneral();
        session.older("general", List.of(message("general", 10, "u-b", "Bob", "already shown", null),
                message("general", 9, "u-b", "Bob", "nine", null), message("general", 8, "u-c", "Carol", "eight", null)));
        assertEquals(List.of("-- 2 older messages of General:", "[12:13] Carol: eight", "[12:13] Bob: nine",
                "-- end of the older messages (/more for more)"), printed);
        assertEquals(8L, session.oldestId());
        printed.clear();
        session.older("general", List.of());
        assertEquals(List.of("-- no older messages in General since it was last cleared"), printed);
        printed.clear();
        session.older("elsewhere", List.of(message("elsewhere", 1, "u-b", "Bob", "late answer", null)));
        assertTrue(printed.isEmpty(), "an answer for a room the user left is dropped");
    }

    @Test
    void aClearIsSaidAndMoreStartsAfresh() {
        inGeneral();
        session.handle(frame("cleared").put("room", "general").put("nextClearAt", NOW + 300_000));
        assertEquals(List.of("-- history of General cleared; next clear at 12:18"), printed);
        assertNull(session.oldestId());
    }

    @Test
    void nickAsksTheServerAndARefusalIsExplained() {
        inGeneral();
        session.nick("Night Owl");
        assertEquals("{\"type\":\"nick\",\"name\":\"Night Owl\"}", lastSent().toString());
        session.handle(frame("error").put("code", "bad_request").put("message", "name must not be empty"));
        assertEquals("!! name not accepted: name must not be empty", printed.get(printed.size() - 1));
        session.nick("Night Owl");
        ObjectNode identity = frame("identity").put("token", "tok-2");
        identity.set("user", JSON.createObjectNode().put("id", "u-me").put("name", "Night Owl"));
        session.handle(identity);
        assertEquals("-- you are now Night Owl", printed.get(printed.size() - 1));
        assertEquals(List.of("tok-1", "tok-2"), tokens);
    }

    @Test
    void nickWithoutAConnectionSaysSo() {
        session.nick("Night Owl");
        assertEquals(List.of("!! not connected; try /nick again in a moment"), printed);
        assertFalse(sent.stream().anyMatch(f -> f.get("type").asText().equals("nick")));
    }

    @Test
    void unknownFramesAreIgnored() {
        inGeneral();
        session.handle(frame("typing").put("room", "general"));
        assertTrue(printed.isEmpty());
    }
}
