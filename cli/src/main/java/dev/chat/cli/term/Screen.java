package dev.chat.cli.term;

import java.util.List;

import dev.chat.cli.render.Line;

/** Where the client's lines go: the terminal (above the input line), or a list in tests. */
public interface Screen {

    void print(Line line);

    default void print(List<Line> lines) {
        lines.forEach(this::print);
    }

    /** The input prompt, e.g. {@code General> }: plain text, already made safe. */
    void prompt(String prompt);
}
