package dev.chat.cli.command;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one typed line: {@code /word arguments} is a command, anything else a message
 * ({@code //text} sends a message that starts with {@code /}). It checks what it can without the
 * server (arguments, durations, the naming rule), so a typo gets an immediate, exact answer and
 * never a stack trace.
 */
public final class CommandParser {

    /** Display and room names: 1 to 40 characters after trimming (the server's rule). */
    public static final int MAX_NAME = 40;

    /** What {@code /help} prints, one line per command. */
    public static final List<String> HELP = List.of(
            "/rooms                          list the rooms, their users and when they clear",
            "/join <name or id>              go to another room",
            "/more                           show older messages of this room",
            "/create <name> <clear> <expiry> create a room and go there, e.g. /create Study group 5m 10m",
            "/nick <name>                    change your name",
            "/who                            who you are and who is in the room now",
            "/help                           this list",
            "/quit                           leave (Ctrl-D too)",
            "anything else is sent as a message; start it with // to send a line beginning with /");

    private static final Pattern WORD = Pattern.compile("/(\\S*)\\s*(.*)", Pattern.DOTALL);
    /** The name is everything before the last two words, its inner spacing kept. */
    private static final Pattern CREATE = Pattern.compile("(.*\\S)\\s+(\\S+)\\s+(\\S+)", Pattern.DOTALL);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})(s|sec|m|min|h)?", Pattern.CASE_INSENSITIVE);

    private CommandParser() {
    }

    public static Command parse(String line) {
        if (line == null || line.isBlank()) {
            return new Command.Nothing();
        }
        if (line.startsWith("//")) {
            return new Command.Say(line.substring(1));
        }
        if (!line.startsWith("/")) {
            return new Command.Say(line);
        }
        Matcher m = WORD.matcher(line.strip());
        m.matches();
        String word = m.group(1).toLowerCase(Locale.ROOT);
        String args = m.group(2).strip();
        return switch (word) {
            case "rooms" -> none(word, args, new Command.Rooms());
            case "more" -> none(word, args, new Command.More());
            case "who" -> none(word, args, new Command.Who());
            case "help", "?" -> none(word, args, new Command.Help());
            case "quit", "exit" -> none(word, args, new Command.Quit());
            case "join" -> args.isEmpty() ? new Command.Invalid("usage: /join <room name or id>") : new Command.Join(args);
            case "nick" -> nick(args);
            case "create" -> create(args);
            case "" -> new Command.Invalid("a command name must follow / (try /help); send // to start a message with /");
            default -> new Command.Invalid("unknown command /" + word + " (try /help)");
        };
    }

    private static Command none(String word, String args, Command command) {
        return args.isEmpty() ? command : new Command.Invalid("/" + word + " takes no arguments");
    }

    private static Command nick(String args) {
        if (args.isEmpty()) {
            return new Command.Invalid("usage: /nick <name>");
        }
        String problem = nameProblem(args, "your name", true);
        return problem == null ? new Command.Nick(args) : new Command.Invalid(problem);
    }

    private static Command create(String args) {
        String usage = "usage: /create <name> <clear interval> <expiry>, e.g. /create Study group 5m 10m";
        Matcher m = CREATE.matcher(args);
        if (!m.matches()) {
            return new Command.Invalid(usage);
        }
        Long clear = seconds(m.group(2));
        Long expiry = seconds(m.group(3));
        if (clear == null || expiry == null) {
            return new Command.Invalid("durations are like 90s, 5m or 2h; " + usage);
        }
        String name = m.group(1).strip();
        String problem = nameProblem(name, "a room name", false);
        return problem == null ? new Command.Create(name, clear, expiry) : new Command.Invalid(problem);
    }

    /** Whole seconds from {@code 90}, {@code 90s}, {@code 5m}, {@code 2h}; null when not a positive duration. */
    public static Long seconds(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        long seconds = switch (unit) {
            case "m", "min" -> value * 60;
            case "h" -> value * 3600;
            default -> value;
        };
        return seconds > 0 ? seconds : null;
    }

    /**
     * Null when {@code name} (already trimmed) follows the server's naming rule: display names
     * refuse invisible format characters too, room names only controls and separators.
     */
    static String nameProblem(String name, String what, boolean noFormatCharacters) {
        if (name.isEmpty()) {
            return what + " needs at least one character";
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            return what + " can be at most " + MAX_NAME + " characters";
        }
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c)
                || (noFormatCharacters && Character.getType(c) == Character.FORMAT)
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR)) {
            return what + " cannot contain control characters";
        }
        return null;
    }
}
