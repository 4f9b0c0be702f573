package dev.chat.cli;

import java.io.IOException;
import java.time.ZoneId;
import java.util.concurrent.Callable;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import dev.chat.cli.command.Command;
import dev.chat.cli.command.CommandParser;
import dev.chat.cli.net.Endpoints;
import dev.chat.cli.store.IdentityStore;
import dev.chat.cli.term.JLineScreen;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cli/chat --url http://localhost:8080}: the chat in a terminal. */
@CommandLine.Command(name = "chat", mixinStandardHelpOptions = true, version = "chat 1.0",
        description = { "The anonymous chat in a terminal: lands in General with a generated name "
                + "(kept between runs), shows the history, then live messages. Type /help inside." })
public final class ChatCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://localhost:8080", paramLabel = "URL",
            description = "The chat's address, the gateway's (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--more", defaultValue = "20", paramLabel = "N",
            description = "Older messages shown per /more, 1 to 100 (default: ${DEFAULT-VALUE}).")
    int more;

    @Option(names = "--who", defaultValue = "50", paramLabel = "N",
            description = "People named by /who, 1 to 1000; more are counted (default: ${DEFAULT-VALUE}).")
    int who;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChatCli()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        Endpoints endpoints;
        try {
            endpoints = Endpoints.of(url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (more < 1 || more > 100) {
            throw new ParameterException(spec.commandLine(), "--more must be from 1 to 100 (got " + more + ")");
        }
        if (who < 1 || who > 1000) {
            throw new ParameterException(spec.commandLine(), "--who must be from 1 to 1000 (got " + who + ")");
        }
        try (Terminal terminal = TerminalBuilder.builder().name("chat").system(true).dumb(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("chat").build();
            JLineScreen.configure(reader);
            boolean dumb = terminal.getType().startsWith(Terminal.TYPE_DUMB);
            JLineScreen screen = new JLineScreen(reader, !dumb);
            try (ChatApp app = new ChatApp(endpoints, IdentityStore.forUser(System.getenv()), screen,
                    ZoneId.systemDefault(), more, who)) {
                app.start();
                read(reader, screen, app);
            }
            terminal.writer().println("bye");
            terminal.flush();
        }
        return 0;
    }

    private static void read(LineReader reader, JLineScreen screen, ChatApp app) {
        while (true) {
            String line;
            try {
                line = reader.readLine(screen.prompt());
            } catch (UserInterruptException | EndOfFileException e) {
                return; // Ctrl-C, Ctrl-D
            }
            Command command = CommandParser.parse(line);
            if (command instanceof Command.Quit) {
                return;
            }
            app.submit(command);
        }
    }
}
