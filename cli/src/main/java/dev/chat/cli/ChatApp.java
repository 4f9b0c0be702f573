package dev.chat.cli;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.chat.cli.command.Command;
import dev.chat.cli.command.CommandParser;
import dev.chat.cli.net.ApiException;
import dev.chat.cli.net.Backoff;
import dev.chat.cli.net.ChatConnection;
import dev.chat.cli.net.Endpoints;
import dev.chat.cli.net.Registry;
import dev.chat.cli.net.RoomInfo;
import dev.chat.cli.render.Renderer;
import dev.chat.cli.session.Session;
import dev.chat.cli.session.Timers;
import dev.chat.cli.store.IdentityStore;
import dev.chat.cli.term.Screen;

/**
 * Wires the terminal client together and runs it on one loop thread: the connection's frames,
 * the typed commands and the answers of REST calls all become tasks of that thread, so the
 * {@link Session} sees one event at a time. The input line is read elsewhere (the terminal's
 * thread) and handed over with {@link #submit}.
 */
public final class ChatApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Endpoints endpoints;
    private final IdentityStore identities;
    private final Screen screen;
    private final int moreSize;
    private final int whoSize;
    private final ScheduledExecutorService loop;
    private final Registry registry;
    private final Renderer render;
    private final Session session;
    private final ChatConnection connection;
    private boolean identityUnsaved;

    public ChatApp(Endpoints endpoints, IdentityStore identities, Screen screen, ZoneId zone, int moreSize, int whoSize) {
        this.endpoints = endpoints;
        this.identities = identities;
        this.screen = screen;
        this.moreSize = moreSize;
        this.whoSize = whoSize;
        this.loop = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "chat-loop");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.registry = new Registry(http, endpoints, JSON);
        this.render = new Renderer(zone, endpoints.origin());
        Timers timers = (delayMs, task) -> {
            ScheduledFuture<?> scheduled = loop.schedule(task, delayMs, TimeUnit.MILLISECONDS);
            return () -> scheduled.cancel(false);
        };
        String saved = identities.token(endpoints.origin());
        this.session = new Session(this::send, screen, render, timers, () -> UUID.randomUUID().toString(),
                System::currentTimeMillis, this::keep);
        this.connection = new ChatConnection(http, endpoints,
                () -> session.token() != null ? session.token() : saved, loop,
                new Backoff(Backoff.DEFAULT_BASE_MS, Backoff.DEFAULT_CAP_MS, Math::random), JSON,
                new ChatConnection.Listener() {
                    @Override
                    public void frame(JsonNode frame) {
                        session.handle(frame);
                    }

                    @Override
                    public void lost(int closeCode, long retryInMs) {
                        session.connectionLost(closeCode, retryInMs);
                    }
                });
        session.navigator(this::goTo);
    }

    /** The prompt to show now. */
    public String prompt() {
        return session.currentPrompt();
    }

    /** Connects and lands in General. */
    public void start() {
        loop.execute(() -> {
            screen.prompt(session.currentPrompt());
            screen.print(render.info("connecting to " + endpoints.origin() + " …"));
            // General's listing first, for its header (name, clear interval); connect whatever it says
            registry.room(Session.GENERAL).whenCompleteAsync((room, failure) -> {
                session.describe(room);
                connection.start();
            }, loop);
        });
    }

    /** A typed command, from the input thread. */
    public void submit(Command command) {
        loop.execute(() -> run(command));
    }

    private void run(Command command) {
        if (command instanceof Command.Say say) {
            session.say(say.text());
        } else if (command instanceof Command.Rooms) {
            rooms();
        } else if (command instanceof Command.Join join) {
            join(join.target());
        } else if (command instanceof Command.More) {
            more();
        } else if (command instanceof Command.Create create) {
            create(create);
        } else if (command instanceof Command.Nick nick) {
            session.nick(nick.name());
        } else if (command instanceof Command.Who) {
            session.who(whoSize);
        } else if (command instanceof Command.Help) {
            CommandParser.HELP.forEach(line -> screen.print(render.info(line)));
        } else if (command instanceof Command.Invalid invalid) {
            screen.print(render.error(invalid.problem()));
        }
        // Quit: the input thread stops reading and close() says goodbye; Nothing: nothing
    }

    private void rooms() {
        registry.rooms().whenCompleteAsync((list, failure) -> {
            if (failure != null) {
                refused("could not list the rooms", failure);
            } else {
                screen.print(render.rooms(list, session.room(), System.currentTimeMillis()));
            }
        }, loop);
    }

    /** By id or by name (any case), as listed; a room made a moment ago may not be listed yet, so an id is also asked for. */
    private void join(String target) {
        registry.rooms().thenCompose(rooms -> {
            for (RoomInfo room : rooms) {
                if (room.id().equals(target) || room.name().equalsIgnoreCase(target)) {
                    return CompletableFuture.completedFuture(room);
                }
            }
            return target.matches("[a-z0-9][a-z0-9-]{0,39}")
                    ? registry.room(target).exceptionally(failure -> null)
                    : CompletableFuture.completedFuture(null);
        }).whenCompleteAsync((room, failure) -> {
            if (failure != null) {
                refused("could not look the room up", failure);
            } else if (room == null) {
                screen.print(render.error("no room named \"" + target + "\" (/rooms lists them)"));
            } else {
                session.enter(room.id(), room);
            }
        }, loop);
    }

    private void goTo(String roomId) {
        registry.room(roomId).whenCompleteAsync((room, failure) -> session.enter(roomId, room), loop);
    }

    private void more() {
        String room = session.room();
        Long before = session.oldestId();
        registry.messages(room, before == null ? null : before.toString(), moreSize, session.token())
                .whenCompleteAsync((messages, failure) -> {
                    if (failure != null) {
                        refused("no older messages", failure);
                    } else {
                        session.older(room, messages);
                    }
                }, loop);
    }

    private void create(Command.Create create) {
        registry.options().thenCompose(options -> {
            String problem = choice("clear interval", create.clearIntervalSeconds(), options.clearIntervals());
            if (problem == null) {
                problem = choice("expiry", create.expirySeconds(), options.expiries());
            }
            if (problem != null) {
                return CompletableFuture.<RoomInfo>failedFuture(new ApiException(400, problem));
            }
            return registry.create(create.name(), create.clearIntervalSeconds(), create.expirySeconds());
        }).whenCompleteAsync((room, failure) -> {
            if (failure != null) {
                refused("room not created", failure);
                return;
            }
            screen.print(render.info("created " + room.name() + " (" + room.id() + "): clears every "
                    + Renderer.period(room.clearIntervalSeconds())
                    + (room.expirySeconds() == null ? ""
                            : ", expires after " + Renderer.period(room.expirySeconds()) + " without activity")));
            session.enter(room.id(), room);
        }, loop);
    }

    /** Null when {@code seconds} is offered; else a sentence listing what is. */
    static String choice(String what, long seconds, List<Long> offered) {
        if (offered.contains(seconds)) {
            return null;
        }
        return "the " + what + " must be one of " + offered.stream().map(ChatApp::duration)
                .collect(Collectors.joining(", "));
    }

    /** {@code 90s}, {@code 5m}, {@code 2h}: the form /create takes. */
    static String duration(long seconds) {
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private void refused(String what, Throwable failure) {
        screen.print(render.error(what + ": " + Registry.failure(failure).getMessage()));
    }

    private boolean send(ObjectNode frame) {
        return connection.send(frame.toString());
    }

    private void keep(String token) {
        if (!identities.save(endpoints.origin(), token) && !identityUnsaved) {
            identityUnsaved = true;
            screen.print(render.error("could not keep your identity in " + identities.file()
                    + "; you will get a new name next time"));
        }
    }

    /** Says goodbye to the server (1000) and stops the loop; waits at most a few seconds. */
    @Override
    public void close() {
        CompletableFuture<CompletableFuture<?>> stopping = new CompletableFuture<>();
        loop.execute(() -> stopping.complete(connection.stop()));
        try {
            stopping.thenCompose(stopped -> stopped).orTimeout(3, TimeUnit.SECONDS).exceptionally(failure -> null)
                    .join();
        } finally {
            loop.shutdownNow();
        }
    }

}
