package dev.chat.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    @Test
    void anythingThatIsNotACommandIsAMessageAsTyped() {
        assertEquals(new Command.Say("hello there "), CommandParser.parse("hello there "));
        assertEquals(new Command.Say(" leading space"), CommandParser.parse(" leading space"));
        assertEquals(new Command.Say("a/b"), CommandParser.parse("a/b"));
        assertEquals(new Command.Say("/shrug is a slash command elsewhere"),
                CommandParser.parse("//shrug is a slash command elsewhere"), "// escapes a leading /");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "\t  " })
    void aBlankLineDoesNothing(String line) {
        assertEquals(new Command.Nothing(), CommandParser.parse(line));
        assertEquals(new Command.Nothing(), CommandParser.parse(null));
    }

    @Test
    void commandsWithoutArguments() {
        assertEquals(new Command.Rooms(), CommandParser.parse("/rooms"));
        assertEquals(new Command.More(), CommandParser.parse("/more"));
        assertEquals(new Command.Who(), CommandParser.parse("/who  "));
        assertEquals(new Command.Help(), CommandParser.parse("/help"));
        assertEquals(new Command.Help(), CommandParser.parse("/HELP"), "any case");
        assertEquals(new Command.Quit(), CommandParser.parse("/quit"));
        assertEquals(new Command.Quit(), CommandParser.parse("/exit"));
        assertEquals(new Command.Invalid("/rooms takes no arguments"), CommandParser.parse("/rooms all"));
        assertEquals(new Command.Invalid("/quit takes no arguments"), CommandParser.parse("/quit now"));
    }

    @Test
    void joinTakesANameWithSpacesOrAnId() {
        assertEquals(new Command.Join("Study group"), CommandParser.parse("/join  Study group "));
        assertEquals(new Command.Join("k3jx7qa2mb"), CommandParser.parse("/join k3jx7qa2mb"));
        assertEquals(new Command.Invalid("usage: /join <room name or id>"), CommandParser.parse("/join"));
    }

    @Test
    void nickFollowsTheServersNamingRule() {
        assertEquals(new Command.Nick("Night Owl"), CommandParser.parse("/nick   Night Owl  "));
        assertEquals(new Command.Invalid("usage: /nick <name>"), CommandParser.parse("/nick "));
        assertEquals(new Command.Invalid("your name can be at most 40 characters"),
                CommandParser.parse("/nick " + "x".repeat(41)));
        assertEquals(new Command.Nick("😀".repeat(40)), CommandParser.parse("/nick " + "😀".repeat(40)),
                "40 characters, 80 UTF-16 units");
        assertEquals(new Command.Invalid("your name cannot contain control characters"),
                CommandParser.parse("/nick Evil\u001b[31m"));
        assertEquals(new Command.Invalid("your name cannot contain control characters"),
                CommandParser.parse("/nick a\u202eb"));
    }

    @Test
    void createTakesANameThenTwoDurations() {
        assertEquals(new Command.Create("Study group", 300, 600), CommandParser.parse("/create Study group 5m 10m"));
        assertEquals(new Command.Create("Night  owls", 90, 7200), CommandParser.parse("/create Night  owls 90s 2h"));
        assertEquals(new Command.Create("x", 60, 120), CommandParser.parse("/create x 60 120"));
        assertEquals(new Command.Create("10m", 60, 120), CommandParser.parse("/create 10m 1min 2min"),
                "only the last two words are durations");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/create", "/create Study", "/create Study 5m", "/create 5m 10m" })
    void createWithoutNameAndDurationsSaysHow(String line) {
        Command command = CommandParser.parse(line);
        assertInstanceOf(Command.Invalid.class, command);
        assertTrue(((Command.Invalid) command).problem().startsWith("usage: /create <name>"), command.toString());
    }

    @Test
    void createRefusesBadDurationsAndNames() {
        Command.Invalid bad = (Command.Invalid) CommandParser.parse("/create Study five 10m");
        assertTrue(bad.problem().startsWith("durations are like 90s, 5m or 2h"), bad.problem());
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/create Study 0m 10m"));
        assertEquals(new Command.Invalid("a room name can be at most 40 characters"),
                CommandParser.parse("/create " + "n".repeat(41) + " 5m 10m"));
    }

    @Test
    void unknownCommandsAreNamed() {
        assertEquals(new Command.Invalid("unknown command /kick (try /help)"), CommandParser.parse("/kick bob"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/"));
        assertInstanceOf(Command.Invalid.class, CommandParser.parse("/ hello"));
    }

    @ParameterizedTest
    @CsvSource({ "90,90", "90s,90", "90sec,90", "5m,300", "5min,300", "5M,300", "2h,7200" })
    void durations(String text, long seconds) {
        assertEquals(seconds, CommandParser.seconds(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "0", "0s", "-5m", "5 m", "1.5h", "5d", "m", "12345678" })
    void notDurations(String text) {
        assertNull(CommandParser.seconds(text));
    }

    @Test
    void helpNamesEveryCommand() {
        String help = String.join("\n", CommandParser.HELP);
        for (String command : new String[] { "/rooms", "/join", "/more", "/create", "/nick", "/who", "/help", "/quit" }) {
            assertTrue(help.contains(command), command);
        }
    }
}
