package dev.chat.cli.session;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.cli.net.RoomInfo;
import dev.chat.cli.render.Renderer;
import dev.chat.cli.term.Screen;

/**
 * What the terminal client knows about its chat, driven by server frames and typed commands, in
 * the page's ways (frontend/js/chat-session.js): join with {@code since} after a reconnect and
 * print only what was missed, resend unconfirmed messages with their {@code clientId}, wait out
 * {@code rate_limited} and {@code busy}, say so on {@code cleared}, go back to General on
 * {@code expired}, keep the token of {@code welcome}/{@code identity}, keep who is here from
 * {@code roster} frames for {@code /who}. This class holds the connection and join state; what is
 * shown of the room is {@link RoomView}'s, who the client is {@link Identity}'s, what it sends
 * {@link Outgoing}'s and what it does with errors {@link Refusals}'. Pure: frames go out through
 * {@link Sender}, lines through {@link Screen}, so it runs in tests without a socket or terminal.
 * Not thread-safe: the client calls it from its one loop thread.
 */
public final class Session {

    public static final String GENERAL = "general";
    /** The node's limit on a message ({@code chat.limits.max-text-length}, in characters). */
    public static final int MAX_TEXT = 2000;

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

    private final Screen screen;
    private final Renderer render;
    private final LongSupplier clock;
    private final Identity identity;
    private final RoomView view;
    private final Outgoing outgoing;
    private final Refusals refusals;
    private Navigator navigator = roomId -> enter(roomId, null);

    private String node;
    private boolean online;
    private boolean everOnline;
    private JoinState join = JoinState.NONE;
    private boolean resuming;

    /** @param tokens receives every identity token the server gives, to keep it for the next run */
    public Session(Sender sender, Screen screen, Renderer render, Timers timers, Supplier<String> clientIds,
            LongSupplier clock, Consumer<String> tokens) {
        this.screen = screen;
        this.render = render;
        this.clock = clock;
        this.identity = new Identity(tokens);
        this.view = new RoomView(screen, render);
        this.outgoing = new Outgoing(sender, clientIds);
        this.refusals = new Refusals(screen, render, view, timers, identity, new Refusals.Recovery() {
            @Override
            public boolean refuseJoin() {
                boolean joining = join == JoinState.JOINING;
                if (joining) {
                    join = JoinState.NONE;
                }
                return joining;
            }

            @Override
            public void rejoin() {
                if (online && join == JoinState.NONE) {
                    join(true);
                }
            }

            @Override
            public void resendPending() {
                Session.this.resendPending();
            }

            @Override
            public void leaveForGeneral() {
                outgoing.dropRoom(view.id());
                navigator.goTo(GENERAL);
            }
        });
    }

    public void navigator(Navigator navigator) {
        this.navigator = navigator;
    }

    public String room() {
        return view.id();
    }

    public String token() {
        return identity.token();
    }

    /** The oldest message shown in this room's current clear period, for {@code /more}; null when none. */
    public Long oldestId() {
        return view.oldestId();
    }

    /** The prompt for the current room. */
    public String currentPrompt() {
        return view.prompt();
    }

    // ---- from the connection ----

    public void handle(JsonNode frame) {
        switch (frame.path("type").asText()) {
            case "welcome" -> welcome(frame);
            case "identity" -> {
                identity.renamed(frame);
                screen.print(render.info("you are now " + identity.name()));
            }
            case "joined" -> joined(frame);
            case "message" -> {
                if (view.is(frame.path("room").asText())) {
                    outgoing.confirmed(frame);
                    view.show(frame);
                }
            }
            case "presence", "notice", "cleared", "roster" -> view.update(frame, join == JoinState.JOINED, identity,
                    clock.getAsLong());
            case "expired" -> expired(frame);
            case "error" -> refusals.error(frame);
            default -> {
                // the contract may grow new frame types: ignore them
            }
        }
    }

    /** The socket is gone; the server's idea of our membership went with it. */
    public void connectionLost(int closeCode, long retryInMs) {
        online = false;
        join = JoinState.NONE;
        identity.disconnected();
        refusals.cancel();
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
        String clientId = outgoing.keep(view.id(), text);
        if (join == JoinState.JOINED && !refusals.waiting()) {
            outgoing.send(clientId, text);
        } else if (!online) {
            screen.print(render.info("not connected: the message goes out once the connection is back"));
        }
    }

    /** The listing of the current room, once looked up (its name and clear interval for the header). */
    public void describe(RoomInfo room) {
        if (view.describe(room)) {
            screen.prompt(view.prompt());
        }
    }

    /** Leaves the current room for {@code roomId}; {@code room} is its listing when known. */
    public void enter(String roomId, RoomInfo room) {
        if (view.is(roomId) && join != JoinState.NONE) {
            view.keepListing(room);
            screen.print(render.info("you are in " + view.displayName() + " already"));
            return;
        }
        if (view.switchTo(roomId, room)) {
            refusals.cancel();
        }
        screen.prompt(view.prompt());
        if (online) {
            join(false);
        } else {
            join = JoinState.NONE;
            screen.print(render.info("not connected: you will be in " + view.displayName() + " once the connection is back"));
        }
    }

    public void nick(String name) {
        if (!online || !outgoing.nick(name)) {
            screen.print(render.error("not connected; try /nick again in a moment"));
            return;
        }
        identity.renaming();
    }

    /** @param limit how many people to name at most; the others are counted */
    public void who(int limit) {
        String userName = identity.name();
        screen.print(render.info(userName == null ? "you are not connected yet"
                : "you are " + userName + (online && node != null ? " (through chat node " + node + ")" : "")));
        view.who(identity, limit);
    }

    /** The answer to {@code /more} for {@code roomId}: messages newest first, from the REST history. */
    public void older(String roomId, List<JsonNode> newestFirst) {
        if (view.is(roomId)) { // else the user moved on meanwhile
            view.older(newestFirst);
        }
    }

    // ---- frame handlers ----

    private void welcome(JsonNode frame) {
        identity.adopt(frame);
        node = frame.path("node").asText(null);
        boolean again = everOnline;
        online = true;
        everOnline = true;
        screen.print(render.info((again ? "reconnected" : "connected") + " as " + identity.name()));
        if (!again) {
            screen.print(render.info("type a message and press Enter; /help lists the commands"));
        }
        join(true);
    }

    private void join(boolean resume) {
        resuming = resume && view.lastId() != null;
        join = JoinState.JOINING;
        outgoing.join(view.id(), resuming ? view.lastId() : null);
    }

    private void joined(JsonNode frame) {
        if (!view.is(frame.path("room").asText()) || join != JoinState.JOINING) {
            return; // a stale answer
        }
        join = JoinState.JOINED;
        view.count(frame);
        if (!resuming) {
            screen.print(render.header(view.displayName(), view.users(), view.info(), clock.getAsLong()));
        } else if (frame.path("recovered").isBoolean() && !frame.get("recovered").asBoolean()) {
            screen.print(render.info("some messages could not be recovered"));
        }
        for (JsonNode message : frame.path("history")) {
            outgoing.confirmed(message);
            view.show(message);
        }
        resendPending();
    }

    private void expired(JsonNode frame) {
        String gone = frame.path("room").asText();
        outgoing.dropRoom(gone);
        if (!view.is(gone)) {
            return;
        }
        join = JoinState.NONE;
        screen.print(render.info(view.displayName() + " expired or was deleted"
                + (GENERAL.equals(gone) ? "" : "; back to General")));
        if (GENERAL.equals(gone)) {
            if (online) {
                join(false);
            }
        } else {
            navigator.goTo(GENERAL);
        }
    }

    private void resendPending() {
        if (join == JoinState.JOINED) { // else the next join sends them
            outgoing.resend(view.id());
        }
    }

    static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
