package dev.chat.cli.term;

import java.util.List;

import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

import dev.chat.cli.render.Line;

/**
 * The terminal: lines are printed above the input line (which JLine redraws, so what is being
 * typed is never mixed with what arrives), system lines dimmed and errors red. Lines are handed
 * to JLine as plain attributed text, never as ANSI to interpret; they are already made safe by
 * the renderer.
 */
public final class JLineScreen implements Screen {

    private final LineReader reader;
    private final boolean interactive;
    private volatile String prompt = "> ";

    /**
     * @param interactive false for a dumb terminal (input from a pipe or a file): lines are then
     *                    simply written one after the other, without a prompt to redraw
     */
    public JLineScreen(LineReader reader, boolean interactive) {
        this.reader = reader;
        this.interactive = interactive;
    }

    /**
     * A line is a chat line as typed: no quotes or escapes that would keep the line open or eat a
     * backslash, and no {@code !} history expansion.
     */
    public static void configure(LineReader reader) {
        reader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (reader instanceof LineReaderImpl impl) {
            impl.setParser(new VerbatimParser());
        }
    }

    @Override
    public void print(Line line) {
        AttributedStyle style = switch (line.kind()) {
            case MESSAGE -> AttributedStyle.DEFAULT;
            case NOTICE, INFO -> AttributedStyle.DEFAULT.faint();
            case ERROR -> AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
        };
        if (!interactive) {
            synchronized (this) {
                reader.getTerminal().writer().println(line.text());
                reader.getTerminal().flush();
            }
            return;
        }
        for (String part : line.text().split("\n", -1)) {
            reader.printAbove(new AttributedString(part, style));
        }
    }

    @Override
    public void prompt(String prompt) {
        if (!interactive) {
            return;
        }
        this.prompt = prompt;
        if (reader instanceof LineReaderImpl impl) {
            impl.setPrompt(prompt); // shown at the next redraw, i.e. with the next printed line
        }
    }

    /** The prompt to read the next line with (none on a dumb terminal). */
    public String prompt() {
        return interactive ? prompt : "";
    }

    private static final class VerbatimParser implements Parser {
        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            return new ParsedLine() {
                @Override
                public String word() {
                    return line;
                }

                @Override
                public int wordCursor() {
                    return cursor;
                }

                @Override
                public int wordIndex() {
                    return 0;
                }

                @Override
                public List<String> words() {
                    return List.of(line);
                }

                @Override
                public String line() {
                    return line;
                }

                @Override
                public int cursor() {
                    return cursor;
                }
            };
        }
    }
}
