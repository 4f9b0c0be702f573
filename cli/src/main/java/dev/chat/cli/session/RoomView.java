package dev.chat.cli.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.cli.net.RoomInfo;
import dev.chat.cli.render.Renderer;
import dev.chat.cli.render.TerminalText;
import dev.chat.cli.term.Screen;

/**
 * The room the client shows and what it has shown of it: its listing, its count and who is here,
 * the newest message printed (so a resume prints only what was missed) and the oldest (where
 * {@code /more} goes on). Switching rooms forgets all of it.
 */
final class RoomView {

    private final Screen screen;
    private final Renderer render;
    private String room = Session.GENERAL;
    private RoomInfo info;
    private Long users;
    private Long lastId;
    private Long oldestId;
    /** Who is in this room now, for {@code /who}. */
    private final Roster roster = new Roster();

    RoomView(Screen screen, Renderer render) {
        this.screen = screen;
        this.render = render;
    }

    String id() {
        return room;
    }

    boolean is(String roomId) {
        return room.equals(roomId);
    }

    RoomInfo info() {
        return info;
    }

    Long users() {
        return users;
    }

    /** The newest message shown, for {@code since} on a resume; null when none. */
    Long lastId() {
        return lastId;
    }

    /** The oldest message shown in this clear period, for {@code /more}; null when none. */
    Long oldestId() {
        return oldestId;
    }

    /** Its listing, when it is this room's; true when taken. */
    boolean describe(RoomInfo listing) {
        if (listing != null && listing.id().equals(room)) {
            info = listing;
            return true;
        }
        return false;
    }

    /** Another room (or the same with a fresher listing): what was shown of the last one is forgotten. */
    boolean switchTo(String roomId, RoomInfo listing) {
        boolean changed = !roomId.equals(room);
        room = roomId;
        info = listing;
        if (changed) {
            users = null;
            lastId = null;
            oldestId = null;
            roster.clear();
        }
        return changed;
    }

    void keepListing(RoomInfo listing) {
        if (listing != null) {
            info = listing;
        }
    }

    void count(JsonNode frame) {
        if (frame.path("users").canConvertToLong()) {
            users = frame.get("users").asLong();
        }
    }

    /** Prints a message unless it was printed already (ids only grow within a room). */
    void show(JsonNode message) {
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

    /**
     * A {@code presence}, {@code notice}, {@code cleared} or {@code roster} frame; ignored when it
     * is of another room (notices and the roster also until the room is joined).
     */
    void update(JsonNode frame, boolean joined, Identity identity, long now) {
        if (!is(frame.path("room").asText())) {
            return;
        }
        switch (frame.path("type").asText()) {
            case "presence" -> count(frame);
            case "notice" -> {
                if (joined) {
                    notice(frame, identity, now);
                }
            }
            case "cleared" -> cleared(frame);
            case "roster" -> {
                if (joined) {
                    roster.apply(frame);
                }
            }
            default -> {
            }
        }
    }

    /** Someone else came or went. */
    private void notice(JsonNode frame, Identity identity, long now) {
        JsonNode user = frame.path("user");
        String kind = frame.path("kind").asText();
        if (!user.path("id").isTextual() || identity.isOwn(user.get("id").asText())
                || !(kind.equals("join") || kind.equals("leave"))) {
            return;
        }
        String name = user.path("name").asText("?");
        long ts = frame.path("ts").canConvertToLong() ? frame.get("ts").asLong() : now;
        screen.print(render.notice(name, kind, ts));
    }

    private void cleared(JsonNode frame) {
        oldestId = null; // what came before is gone: /more starts from what comes next
        screen.print(render.cleared(displayName(), frame.path("nextClearAt").asLong(0)));
    }

    /** @param limit how many people to name at most; the others are counted */
    void who(Identity identity, int limit) {
        String count = users == null ? "" : " · " + users + " online";
        screen.print(render.info(displayName() + count));
        if (!roster.known()) {
            screen.print(render.info("who is here is not known yet"));
            return;
        }
        Roster.View view = roster.view(users, identity.ownIds(), limit);
        screen.print(render.people(view.shown().stream().map(p -> Map.entry(p.name(), p.own())).toList(), view.more()));
    }

    /** The answer to {@code /more}: messages newest first, from the REST history. */
    void older(List<JsonNode> newestFirst) {
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

    String displayName() {
        if (info != null && info.id().equals(room)) {
            return info.name();
        }
        return Session.GENERAL.equals(room) ? "General" : room;
    }

    /** {@code General> }: the room's name, made safe, and {@code %} doubled (JLine expands prompt patterns). */
    String prompt() {
        return TerminalText.line(displayName()).replace("%", "%%") + "> ";
    }

    private static Long id(JsonNode message) {
        try {
            return Long.parseLong(message.path("id").asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
