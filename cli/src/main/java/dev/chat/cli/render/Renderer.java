package dev.chat.cli.render;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.cli.net.RoomInfo;

/**
 * Everything the client prints, as plain lines: messages as {@code [HH:MM] Name: text}, notices,
 * headers, the room list with its countdowns. Every piece of text that someone else chose (names,
 * messages, room names, server errors) goes through {@link TerminalText} here, the one place that
 * builds output, so none can reach the terminal raw.
 */
public final class Renderer {

    /** Continuation lines of a multi-line message: indented, so they can never pass for a line of their own. */
    static final String INDENT = "        ";

    private final DateTimeFormatter clock;
    private final String origin;

    /** @param origin the server's address, to show attachment paths as full links */
    public Renderer(ZoneId zone, String origin) {
        this.clock = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        this.origin = origin;
    }

    public Line message(JsonNode message) {
        String name = TerminalText.line(message.path("user").path("name").asText("?"));
        String text = TerminalText.keepingLineFeeds(message.path("text").asText("")).replace("\n", "\n" + INDENT);
        StringBuilder line = new StringBuilder(time(message.path("ts").asLong(0))).append(' ').append(name)
                .append(':');
        if (!text.isEmpty()) {
            line.append(' ').append(text);
        }
        for (JsonNode attachment : message.path("attachments")) {
            String url = attachment.path("url").asText("");
            line.append(" [image ").append(TerminalText.line(url.startsWith("/") ? origin + url : url)).append(']');
        }
        return new Line(Line.Kind.MESSAGE, line.toString());
    }

    /** @param kind {@code join} or {@code leave} */
    public Line notice(String name, String kind, long ts) {
        String verb = "join".equals(kind) ? "joined" : "left";
        return new Line(Line.Kind.NOTICE, time(ts) + " * " + TerminalText.line(name) + " " + verb);
    }

    public Line info(String text) {
        return new Line(Line.Kind.INFO, "-- " + TerminalText.keepingLineFeeds(text).replace("\n", "\n   "));
    }

    public Line error(String text) {
        return new Line(Line.Kind.ERROR, "!! " + TerminalText.line(text));
    }

    /**
     * {@code /who}: {@code here: Quiet Otter (you), Bold Heron and 3 more}.
     *
     * @param shown the people named, each with whether it is this client
     * @param more  how many more the room has
     */
    public Line people(List<Map.Entry<String, Boolean>> shown, long more) {
        if (shown.isEmpty()) {
            return new Line(Line.Kind.INFO, more > 0 ? "-- " + more + " here" : "-- no one here");
        }
        StringBuilder line = new StringBuilder("-- here: ");
        for (int i = 0; i < shown.size(); i++) {
            line.append(i == 0 ? "" : ", ").append(TerminalText.line(shown.get(i).getKey()))
                    .append(shown.get(i).getValue() ? " (you)" : "");
        }
        return new Line(Line.Kind.INFO, more > 0 ? line.append(" and ").append(more).append(" more").toString()
                : line.toString());
    }

    /** The line that opens a room: {@code == General · 3 online · clears every 5 min (next in 4:12) ==}. */
    public Line header(String roomName, Long users, RoomInfo room, long now) {
        StringBuilder line = new StringBuilder("== ").append(TerminalText.line(roomName));
        if (users != null) {
            line.append(" · ").append(users).append(" online");
        }
        if (room != null && room.clearIntervalSeconds() > 0) {
            line.append(" · clears every ").append(period(room.clearIntervalSeconds()));
            if (room.nextClearAt() > 0) {
                line.append(" (next in ").append(countdown(nextClear(room, now) - now)).append(')');
            }
        }
        return new Line(Line.Kind.INFO, line.append(" ==").toString());
    }

    public Line cleared(String roomName, long nextClearAt) {
        String next = nextClearAt > 0 ? "; next clear at " + clock.format(Instant.ofEpochMilli(nextClearAt)) : "";
        return info("history of " + TerminalText.line(roomName) + " cleared" + next);
    }

    /** {@code /rooms}: one line per room, the current one marked. */
    public List<Line> rooms(List<RoomInfo> rooms, String current, long now) {
        List<Line> lines = new ArrayList<>();
        lines.add(info(rooms.size() + (rooms.size() == 1 ? " room" : " rooms") + " (/join <name or id>):"));
        int width = 4;
        for (RoomInfo room : rooms) {
            width = Math.max(width, TerminalText.line(room.name()).codePointCount(0, TerminalText.line(room.name()).length()));
        }
        for (RoomInfo room : rooms) {
            String name = TerminalText.line(room.name());
            StringBuilder line = new StringBuilder(room.id().equals(current) ? " * " : "   ").append(name)
                    .append(" ".repeat(width - name.codePointCount(0, name.length()) + 2))
                    .append(String.format("%-12s", TerminalText.line(room.id())))
                    .append(String.format("%5d online", room.users()))
                    .append("   clears in ").append(countdown(nextClear(room, now) - now));
            if (room.expiresAt() != null) {
                line.append("   expires in ").append(countdown(room.expiresAt() - now));
            }
            lines.add(new Line(Line.Kind.INFO, line.toString()));
        }
        return lines;
    }

    /** {@code [HH:MM]} in the terminal's time zone. */
    public String time(long ts) {
        return "[" + clock.format(Instant.ofEpochMilli(ts)) + "]";
    }

    /** The room's next boundary as of {@code now}, moved on from the listed one if that has passed. */
    static long nextClear(RoomInfo room, long now) {
        long next = room.nextClearAt();
        long interval = room.clearIntervalSeconds() * 1000;
        if (next <= 0 || interval <= 0 || next > now) {
            return next;
        }
        return next + ((now - next) / interval + 1) * interval;
    }

    /** Time left as a clock, seconds rounded up: {@code 0:07}, {@code 4:59}, {@code 1:02:03}. */
    public static String countdown(long ms) {
        long total = Math.max(0, (ms + 999) / 1000);
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        long seconds = total % 60;
        return hours > 0 ? String.format("%d:%02d:%02d", hours, minutes, seconds)
                : String.format("%d:%02d", minutes, seconds);
    }

    /** A clear interval as words: {@code 5 min}, {@code 90 s}, {@code 1 hour}. */
    public static String period(long seconds) {
        if (seconds % 3600 == 0) {
            return seconds == 3600 ? "hour" : seconds / 3600 + " hours";
        }
        if (seconds % 60 == 0) {
            return seconds == 60 ? "minute" : seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
