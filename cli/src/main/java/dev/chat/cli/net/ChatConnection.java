package dev.chat.cli.net;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The WebSocket to a chat node with automatic reconnect, the page's connection (frontend/js/
 * connection.js) in Java: "connected" means the server said {@code welcome}, and only then is the
 * backoff reset; a node that restarts (1012) is left at once, once per welcome; anything else is
 * backed off from. Every callback runs on the client's single loop thread, so the rest of the
 * client never sees two events at once.
 */
public final class ChatConnection {

    /** What the connection tells the client, always on the loop thread. */
    public interface Listener {

        void frame(JsonNode frame);

        /**
         * The socket is gone; another attempt follows in {@code retryInMs}.
         *
         * @param closeCode the server's close code, or -1 when the connection failed or broke
         */
        void lost(int closeCode, long retryInMs);
    }

    public static final int SERVICE_RESTART = 1012;
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final Endpoints endpoints;
    private final Supplier<String> token;
    private final ScheduledExecutorService loop;
    private final Backoff backoff;
    private final ObjectMapper json;
    private final Listener listener;

    private int attempt;
    private WebSocket socket;
    private boolean welcomed;
    private boolean stopped = true;
    private boolean immediateSpent;
    private ScheduledFuture<?> timer;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    public ChatConnection(HttpClient http, Endpoints endpoints, Supplier<String> token, ScheduledExecutorService loop,
            Backoff backoff, ObjectMapper json, Listener listener) {
        this.http = http;
        this.endpoints = endpoints;
        this.token = token;
        this.loop = loop;
        this.backoff = backoff;
        this.json = json;
        this.listener = listener;
    }

    /** The delay before the next attempt after a close with {@code code}: 0 for a draining node's first 1012. */
    static long retryDelay(int code, boolean immediateSpent, Backoff backoff) {
        return code == SERVICE_RESTART && !immediateSpent ? 0 : backoff.next();
    }

    /** Starts connecting, and keeps reconnecting until {@link #stop}. Loop thread only. */
    public void start() {
        stopped = false;
        open();
    }

    /** Hands a frame to the socket; false when there is none open (the caller keeps it for later). */
    public boolean send(String frame) {
        WebSocket current = socket;
        if (current == null || !welcomed || current.isOutputClosed()) {
            return false;
        }
        // the JDK socket takes one send at a time: chain them
        sending = sending.handle((done, failure) -> null)
                .thenCompose(ignored -> current.sendText(frame, true));
        return true;
    }

    /** Closes for good (1000). Loop thread only. */
    public CompletableFuture<?> stop() {
        stopped = true;
        cancelTimer();
        WebSocket current = socket;
        socket = null;
        if (current == null) {
            return CompletableFuture.completedFuture(null);
        }
        return sending.handle((done, failure) -> null)
                .thenCompose(ignored -> current.sendClose(WebSocket.NORMAL_CLOSURE, "bye"))
                .orTimeout(2, TimeUnit.SECONDS)
                .whenComplete((done, failure) -> current.abort());
    }

    private void open() {
        int mine = ++attempt;
        welcomed = false;
        timer = loop.schedule(() -> {
            if (mine == attempt && !welcomed) {
                WebSocket stale = socket;
                if (stale != null) {
                    stale.abort();
                }
                lost(mine, -1);
            }
        }, HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        http.newWebSocketBuilder().connectTimeout(HANDSHAKE_TIMEOUT)
                .buildAsync(endpoints.webSocket(token.get()), new Socket(mine))
                .whenComplete((ws, failure) -> loop.execute(() -> {
                    if (mine != attempt) {
                        if (ws != null) {
                            ws.abort();
                        }
                        return;
                    }
                    if (failure != null) {
                        lost(mine, -1);
                    }
                }));
    }

    private void received(int mine, String text) {
        if (mine != attempt || stopped) {
            return;
        }
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (IOException e) {
            return; // not JSON: nothing the contract sends
        }
        if (frame == null || !frame.isObject() || !frame.path("type").isTextual()) {
            return;
        }
        if ("welcome".equals(frame.get("type").asText())) {
            cancelTimer();
            welcomed = true;
            backoff.reset();
            immediateSpent = false;
        }
        listener.frame(frame);
    }

    private void lost(int mine, int code) {
        if (mine != attempt || stopped) {
            return;
        }
        cancelTimer();
        attempt++; // whatever the old socket still says is stale now
        socket = null;
        welcomed = false;
        long delay = retryDelay(code, immediateSpent, backoff);
        if (code == SERVICE_RESTART && !immediateSpent) {
            immediateSpent = true;
        }
        listener.lost(code, delay);
        timer = loop.schedule(() -> {
            if (!stopped) {
                open();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** The JDK socket's callbacks, handed to the loop; {@code mine} tells a stale socket's apart. */
    private final class Socket implements WebSocket.Listener {
        private final int mine;
        private final StringBuilder partial = new StringBuilder();

        Socket(int mine) {
            this.mine = mine;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            // before any frame of this socket reaches the loop (its tasks run in order)
            loop.execute(() -> {
                if (mine == attempt) {
                    socket = webSocket;
                }
            });
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                loop.execute(() -> received(mine, text));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            loop.execute(() -> lost(mine, statusCode));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            loop.execute(() -> lost(mine, -1));
        }
    }
}
