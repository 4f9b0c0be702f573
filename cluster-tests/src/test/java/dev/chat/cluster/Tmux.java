package dev.chat.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A program in a real pseudo-terminal, driven as a person would: tmux runs it in a detached
 * session on a server of its own (its own socket, so no other tmux is touched), keys are typed
 * with {@code send-keys} and the screen, scrollback included, is read with {@code capture-pane}.
 */
final class Tmux implements AutoCloseable {

    private static final String SESSION = "t";

    private final Path socket;

    private Tmux(Path socket) {
        this.socket = socket;
    }

    /** Starts {@code command} (one shell command line) in a 160×50 terminal. */
    static Tmux start(Path dir, String command) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Tmux tmux = new Tmux(dir.resolve("tmux.sock"));
        tmux.run("new-session", "-d", "-s", SESSION, "-x", "160", "-y", "50", command);
        tmux.run("set-option", "-t", SESSION, "history-limit", "5000");
        return tmux;
    }

    /** Types {@code text} literally, then Enter. */
    void type(String text) {
        run("send-keys", "-t", SESSION, "-l", text);
        run("send-keys", "-t", SESSION, "Enter");
    }

    /** The whole screen and its scrollback, wrapped lines joined. */
    String screen() {
        return run("capture-pane", "-p", "-J", "-t", SESSION, "-S", "-5000");
    }

    boolean running() {
        return tmux("has-session", "-t", SESSION).exit == 0;
    }

    /** Waits until {@code regex} matches a line of the screen; the match. */
    Matcher await(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        AtomicReference<Matcher> found = new AtomicReference<>();
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                Matcher m = pattern.matcher(screen());
                if (m.find()) {
                    found.set(m);
                    return true;
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no line matching " + regex + " within " + timeout + "; the screen:\n" + screen(), e);
        }
        return found.get();
    }

    Matcher await(String regex) {
        return await(regex, Duration.ofSeconds(10));
    }

    /** Counts the lines matching {@code regex} now. */
    long count(String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(screen());
        long count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        // this server only: it runs nothing but the program under test
        tmux("kill-server");
    }

    private String run(String... args) {
        Result result = tmux(args);
        if (result.exit != 0) {
            throw new IllegalStateException("tmux " + String.join(" ", args) + ": " + result.output);
        }
        return result.output;
    }

    private record Result(int exit, String output) {
    }

    private Result tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putIfAbsent("TERM", "xterm-256color"); // CI has none; tmux wants one
            Process process = builder.start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("tmux " + String.join(" ", args) + " timed out");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
