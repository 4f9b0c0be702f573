package dev.chat.cli.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.cli.net.RoomInfo;
import dev.chat.cli.render.Renderer;
import dev.chat.cli.render.TerminalText;
import dev.chat.cli.term.Screen;

/**
 * What the terminal client knows about its chat, driven by server frames and typed commands, in
 * the page's ways (frontend/js/chat-session.js): join with {@code since} after a reconnect and
 * print only what was missed, resend unconfirmed messages with their {@code clientId}, wait out
 * {@code rate_limited} and {@code busy}, say so on {@code cleared}, go back to General on
 * {@code expired}, keep the token of {@code welcome}/{@code identity}, keep who is here from
 * {@code roster} frames for {@code /who}. Pure: frames go out through
 * {@link Sender}, lines through {@link Screen}, so it runs in tests without a socket or terminal.
 * Not thread-safe: the client calls it from its one loop thread.
 */
public final class Session {

    public static final String GENERAL = "general";
    /** The node's limit on a message ({@code chat.limits.max-text-length}, in characters). */
    public static final int MAX_TEXT = 2000;
    static final long JOIN_RETRY_MS = 3000;
    static final long DEFAULT_RETRY_MS = 1000;

    /** Hands a frame to the connection; false when there is none. */
    public interface Sender {
        boolean send(ObjectNode frame);
    }

    /** Asks the client to go to a room it only knows by id (General after an expiry), looking it up first. */
    public interface Navigator {
        void goTo(String roomId);
    }

    private enum JoinState {
        NONE, JOINING, JOINED
    }

    private final Sender sender;
    private final Screen screen;
    private final Renderer render;
    private final Timers timers;
    private final Supplier<String> clientIds;
    private final LongSupplier clock;
    private final Consumer<String> tokens;
    private Navigator navigator = roomId -> enter(roomId, null);

    private String userId;
    private String userName;
    private String token;
    private String node;
    private final Set<String> ownIds = new HashSet<>();
    private boolean online;
    private boolean everOnline;
    private boolean nickPending;

    private String room = GENERAL;
    private RoomInfo info;
    private Long users;
    private JoinState join = JoinState.NONE;
    private boolean resuming;
    private Long lastId;
    private Long oldestId;
    /** Who is in this room now, for {@code /who}. */
    private final Roster roster = new Roster();
    private final Outbox outbox = new Outbox();
    private Runnable retry;

    /** @param tokens receives every identity token the server gives, to keep it for the next run */
    public Session(Sender sender, Screen screen, Renderer render, Timers timers, Supplier<String> clientIds,
            LongSupplier clock, Consumer<String> tokens) {
        this.sender = sender;
        this.screen = screen;
        this.render = render;
        this.timers = timers;
        this.clientIds = clientIds;
        this.clock = clock;
        this.tokens = tokens;
    }

    public void navigator(Navigator navigator) {
        this.navigator = navigator;
    }

    public String room() {
        return room;
    }

    public String token() {
        return token;
    }

    /** The oldest message shown in this room's current clear period, for {@code /more}; null when none. */
    public Long oldestId() {
        return oldestId;
    }

    // ---- from the connection ----

    public void handle(JsonNode frame) {
        switch (frame.path("type").asText()) {
            case "welcome" -> welcome(frame);
            case "identity" -> identity(frame);
            case "joined" -> joined(frame);
            case "message" -> message(frame);
            case "presence" -> presence(frame);
            case "notice" -> notice(frame);
            case "cleared" -> cleared(frame);
            case "expired" -> expired(frame);
            case "roster" -> roster(frame);
            case "error" -> error(frame);
            default -> {
                // the contract may grow new frame types: ignore them
            }
        }
    }

    /** The socket is gone; the server's idea of our membership went with it. */
    public void connectionLost(int closeCode, long retryInMs) {
        online = false;
        join = JoinState.NONE;
        nickPending = false;
        cancelRetry();
        String why = closeCode == 1012 ? "the server is restarting" : everOnline ? "connection lost" : "could not connect";
        screen.print(render.info(why + "; trying again in " + seconds(retryInMs)));
    }

    // ---- from the user ----

    /** Sends typed text to the current room, or keeps it until the room is joined. */
    public void say(String raw) {
        String text = raw.stripTrailing();
        if (text.isBlank()) {
            return;
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_TEXT) {
            screen.print(render.error("not sent: the message has " + length + " characters, at most " + MAX_TEXT));
            return;
        }
        String clientId = clientIds.get();
        outbox.add(new Outbox.Entry(clientId, room, text));
        if (join == JoinState.JOINED && retry == null) {
            transmit(clientId, text);
        } else if (!online) {
            screen.print(render.info("not connected: the message goes out once the connection is back"));
        }
    }

    /** The listing of the current room, once looked up (its name and clear interval for the header). */
    public void describe(RoomInfo room) {
        if (room != null && room.id().equals(this.room)) {
            info = room;
            screen.prompt(prompt());
        }
    }

    /** Leaves the current room for {@code roomId}; {@code room} is its listing when known. */
    public void enter(String roomId, RoomInfo room) {
        if (roomId.equals(this.room) && join != JoinState.NONE) {
            if (room != null) {
                info = room;
            }
            screen.print(render.info("you are in " + displayName() + " already"));
            return;
        }
        boolean changed = !roomId.equals(this.room);
        this.room = roomId;
        this.info = room;
        if (changed) {
            users = null;
            lastId = null;
            oldestId = null;
            roster.clear();
            cancelRetry();
        }
        screen.prompt(prompt());
        if (online) {
            join(false);
        } else {
            join = JoinState.NONE;
            screen.print(render.info("not connected: you will be in " + displayName() + " once the connection is back"));
        }
    }

    public void nick(String name) {
        if (!online || !sender.send(frame("nick").put("name", name))) {
            screen.print(render.error("not connected; try /nick again in a moment"));
            return;
        }
        nickPending = true;
    }

    /** @param limit how many people to name at most; the others are counted */
    public void who(int limit) {
        screen.print(render.info(userName == null ? "you are not connected yet"
                : "you are " + userName + (online && node != null ? " (through chat node " + node + ")" : "")));
        String count = users == null ? "" : " · " + users + " online";
        screen.print(render.info(displayName() + count));
        if (!roster.known()) {
            screen.print(render.info("who is here is not known yet"));
            return;
        }
        Roster.View view = roster.view(users, ownIds, limit);
        screen.print(render.people(view.shown().stream().map(p -> Map.entry(p.name(), p.own())).toList(), view.more()));
    }

    /** The answer to {@code /more} for {@code roomId}: messages newest first, from the REST history. */
    public void older(String roomId, List<JsonNode> newestFirst) {
        if (!roomId.equals(room)) {
            return; // the user moved on meanwhile
        }
        List<JsonNode> older = new ArrayList<>();
        for (JsonNode message : newestFirst) {
            Long id = id(message);
            if (id != null && (oldestId == null || id < oldestId)) {
                older.add(0, message);
            }
        }
        if (older.isEmpty()) {
            screen.print(render.info("no older messages in " + displayName() + " since it was last cleared"));
            return;
        }
        screen.print(render.info(older.size() + " older message" + (older.size() == 1 ? "" : "s") + " of "
                + displayName() + ":"));
        for (JsonNode message : older) {
            screen.print(render.message(message));
        }
        oldestId = id(older.get(0));
        screen.print(render.info("end of the older messages (/more for more)"));
    }

    // ---- frame handlers ----

    private void welcome(JsonNode frame) {
        adopt(frame);
        node = frame.path("node").asText(null);
        boolean again = everOnline;
        online = true;
        everOnline = true;
        screen.print(render.info((again ? "reconnected" : "connected") + " as " + userName));
        if (!again) {
            screen.print(render.info("type a message and press Enter; /help lists the commands"));
        }
        join(true);
    }

    private void identity(JsonNode frame) {
        nickPending = false;
        adopt(frame);
        screen.print(render.info("you are now " + userName));
    }

    private void adopt(JsonNode frame) {
        JsonNode user = frame.path("user");
        if (user.path("id").isTextual()) {
            userId = user.get("id").asText();
            userName = user.path("name").asText(userId);
            ownIds.add(userId);
        }
        if (frame.path("token").isTextual() && !frame.get("token").asText().isEmpty()) {
            token = frame.get("token").asText();
            tokens.accept(token);
        }
    }

    private void join(boolean resume) {
        ObjectNode frame = frame("join").put("room", room);
        resuming = resume && lastId != null;
        if (resuming) {
            frame.put("since", Long.toString(lastId));
        }
        join = JoinState.JOINING;
        sender.send(frame);
    }

    private void joined(JsonNode frame) {
        if (!room.equals(frame.path("room").asText()) || join != JoinState.JOINING) {
            return; // a stale answer
        }
        join = JoinState.JOINED;
        if (frame.path("users").canConvertToLong()) {
            users = frame.get("users").asLong();
        }
        if (!resuming) {
            screen.print(render.header(displayName(), users, info, clock.getAsLong()));
        } else if (frame.path("recovered").isBoolean() && !frame.get("recovered").asBoolean()) {
            screen.print(render.info("some messages could not be recovered"));
        }
        for (JsonNode message : frame.path("history")) {
            outbox.acknowledge(message.path("clientId").asText(null));
            show(message);
        }
        resendPending();
    }

    private void message(JsonNode frame) {
        if (!room.equals(frame.path("room").asText())) {
            return;
        }
        outbox.acknowledge(frame.path("clientId").asText(null));
        show(frame);
    }

    /** Prints a message unless it was printed already (ids only grow within a room). */
    private void show(JsonNode message) {
        Long id = id(message);
        if (id == null || (lastId != null && id <= lastId)) {
            return;
        }
        lastId = id;
        if (oldestId == null) {
            oldestId = id;
        }
        screen.print(render.message(message));
    }

    private void presence(JsonNode frame) {
        if (room.equals(frame.path("room").asText()) && frame.path("users").canConvertToLong()) {
            users = frame.get("users").asLong();
        }
    }

    private void notice(JsonNode frame) {
        JsonNode user = frame.path("user");
        String kind = frame.path("kind").asText();
        if (!room.equals(frame.path("room").asText()) || join != JoinState.JOINED || !user.path("id").isTextual()
                || ownIds.contains(user.get("id").asText()) || !(kind.equals("join") || kind.equals("leave"))) {
            return;
        }
        String name = user.path("name").asText("?");
        long ts = frame.path("ts").canConvertToLong() ? frame.get("ts").asLong() : clock.getAsLong();
        screen.print(render.notice(name, kind, ts));
    }

    private void roster(JsonNode frame) {
        if (room.equals(frame.path("room").asText()) && join == JoinState.JOINED) {
            roster.apply(frame);
        }
    }

    private void cleared(JsonNode frame) {
        if (!room.equals(frame.path("room").asText())) {
            return;
        }
        oldestId = null; // what came before is gone: /more starts from what comes next
        screen.print(render.cleared(displayName(), frame.path("nextClearAt").asLong(0)));
    }

    private void expired(JsonNode frame) {
        String gone = frame.path("room").asText();
        outbox.dropRoom(gone);
        if (!room.equals(gone)) {
            return;
        }
        join = JoinState.NONE;
        screen.print(render.info(displayName() + " expired or was deleted"
                + (GENERAL.equals(gone) ? "" : "; back to General")));
        if (GENERAL.equals(gone)) {
            if (online) {
                join(false);
            }
        } else {
            navigator.goTo(GENERAL);
        }
    }

    private void error(JsonNode frame) {
        String code = frame.path("code").asText("error");
        String text = frame.path("message").asText(code);
        long wait = frame.path("retryAfterMs").canConvertToLong() && frame.get("retryAfterMs").asLong() >= 0
                ? frame.get("retryAfterMs").asLong() : DEFAULT_RETRY_MS;
        switch (code) {
            case "rate_limited" -> {
                screen.print(render.error("slow down: sending again in " + seconds(wait)));
                later(wait, this::resendPending);
            }
            case "busy" -> {
                // the node had too much to do: nothing was done and nothing is the user's fault
                if (join == JoinState.JOINING) {
                    join = JoinState.NONE;
                    later(wait, this::rejoin);
                } else {
                    later(wait, this::resendPending);
                }
            }
            case "no_such_room", "unavailable" -> failed(code, text);
            default -> {
                if (nickPending && code.equals("bad_request")) {
                    nickPending = false;
                    screen.print(render.error("name not accepted: " + text));
                } else {
                    screen.print(render.error(text));
                }
            }
        }
    }

    private void failed(String code, String text) {
        if (join == JoinState.JOINING) {
            join = JoinState.NONE;
            if (code.equals("no_such_room")) {
                screen.print(render.error(displayName() + " does not exist (any more)"
                        + (GENERAL.equals(room) ? "" : "; back to General")));
                if (!GENERAL.equals(room)) {
                    outbox.dropRoom(room);
                    navigator.goTo(GENERAL);
                }
            } else {
                screen.print(render.error(text + "; joining again in " + seconds(JOIN_RETRY_MS)));
                later(JOIN_RETRY_MS, this::rejoin);
            }
            return;
        }
        screen.print(render.error(code.equals("unavailable")
                ? "not sent, the chat cannot store messages right now; sending again in " + seconds(JOIN_RETRY_MS)
                : text));
        if (code.equals("unavailable")) {
            later(JOIN_RETRY_MS, this::resendPending);
        }
    }

    private void rejoin() {
        if (online && join == JoinState.NONE) {
            join(true);
        }
    }

    private void resendPending() {
        if (join != JoinState.JOINED) {
            return; // the next join sends them
        }
        for (Outbox.Entry entry : outbox.forRoom(room)) {
            transmit(entry.clientId(), entry.text());
        }
    }

    private void transmit(String clientId, String text) {
        sender.send(frame("send").put("text", text).put("clientId", clientId));
    }

    private void later(long delayMs, Runnable task) {
        cancelRetry();
        retry = timers.after(delayMs, () -> {
            retry = null;
            task.run();
        });
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.run();
            retry = null;
        }
    }

    private String displayName() {
        if (info != null && info.id().equals(room)) {
            return info.name();
        }
        return GENERAL.equals(room) ? "General" : room;
    }

    /** {@code General> }: the room's name, made safe, and {@code %} doubled (JLine expands prompt patterns). */
    private String prompt() {
        return TerminalText.line(displayName()).replace("%", "%%") + "> ";
    }

    /** The prompt for the current room. */
    public String currentPrompt() {
        return prompt();
    }

    private static Long id(JsonNode message) {
        try {
            return Long.parseLong(message.path("id").asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static ObjectNode frame(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }
}
