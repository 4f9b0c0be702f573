package dev.chat.cli.command;

/** What one typed line asks for, as {@link CommandParser} read it. */
public sealed interface Command {

    /** A message to the current room, as typed (a leading {@code //} already turned into {@code /}). */
    record Say(String text) implements Command {
    }

    /** {@code /rooms}: the live rooms with their counts and clear countdowns. */
    record Rooms() implements Command {
    }

    /** {@code /join <name or id>}. */
    record Join(String target) implements Command {
    }

    /** {@code /more}: older messages of the current room. */
    record More() implements Command {
    }

    /** {@code /create <name> <clear> <expiry>}, durations in whole seconds. */
    record Create(String name, long clearIntervalSeconds, long expirySeconds) implements Command {
    }

    /** {@code /nick <name>}, the name trimmed and checked like the server checks it. */
    record Nick(String name) implements Command {
    }

    /** {@code /who}. */
    record Who() implements Command {
    }

    /** {@code /help}. */
    record Help() implements Command {
    }

    /** {@code /quit}. */
    record Quit() implements Command {
    }

    /** An empty line: nothing to do. */
    record Nothing() implements Command {
    }

    /** A line that cannot be done as typed: {@code problem} says why, for the user. */
    record Invalid(String problem) implements Command {
    }
}
