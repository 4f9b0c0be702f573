package dev.chat.cli.session;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.cli.render.Renderer;
import dev.chat.cli.term.Screen;

/**
 * What the client does with an {@code error} frame, in the page's ways: waits out
 * {@code rate_limited} and {@code busy} and tries again, goes back to General from a room that
 * does not exist, joins or sends again later what the chat could not do now, and tells the user
 * anything else. Holds the one pending retry; the session's state it changes through
 * {@link Recovery}.
 */
final class Refusals {

    static final long JOIN_RETRY_MS = 3000;
    static final long DEFAULT_RETRY_MS = 1000;

    /** The session, as the refusals see it. */
    interface Recovery {
        /** True when a join was waiting for its answer: it is refused now. */
        boolean refuseJoin();

        void rejoin();

        void resendPending();

        /** The current room is gone: its unsent messages are dropped and the client goes to General. */
        void leaveForGeneral();
    }

    private final Screen screen;
    private final Renderer render;
    private final RoomView view;
    private final Timers timers;
    private final Identity identity;
    private final Recovery session;
    private Runnable retry;

    Refusals(Screen screen, Renderer render, RoomView view, Timers timers, Identity identity, Recovery session) {
        this.screen = screen;
        this.render = render;
        this.view = view;
        this.timers = timers;
        this.identity = identity;
        this.session = session;
    }

    /** Whether a retry is waiting (messages typed meanwhile go with it). */
    boolean waiting() {
        return retry != null;
    }

    void error(JsonNode frame) {
        String code = frame.path("code").asText("error");
        String text = frame.path("message").asText(code);
        long wait = frame.path("retryAfterMs").canConvertToLong() && frame.get("retryAfterMs").asLong() >= 0
                ? frame.get("retryAfterMs").asLong() : DEFAULT_RETRY_MS;
        switch (code) {
            case "rate_limited" -> {
                screen.print(render.error("slow down: sending again in " + Session.seconds(wait)));
                later(wait, session::resendPending);
            }
            case "busy" -> {
                // the node had too much to do: nothing was done and nothing is the user's fault
                if (session.refuseJoin()) {
                    later(wait, session::rejoin);
                } else {
                    later(wait, session::resendPending);
                }
            }
            case "no_such_room", "unavailable" -> failed(code, text);
            default -> {
                if (code.equals("bad_request") && identity.renameRefused()) {
                    screen.print(render.error("name not accepted: " + text));
                } else {
                    screen.print(render.error(text));
                }
            }
        }
    }

    private void failed(String code, String text) {
        if (session.refuseJoin()) {
            if (code.equals("no_such_room")) {
                screen.print(render.error(view.displayName() + " does not exist (any more)"
                        + (Session.GENERAL.equals(view.id()) ? "" : "; back to General")));
                if (!Session.GENERAL.equals(view.id())) {
                    session.leaveForGeneral();
                }
            } else {
                screen.print(render.error(text + "; joining again in " + Session.seconds(JOIN_RETRY_MS)));
                later(JOIN_RETRY_MS, session::rejoin);
            }
            return;
        }
        screen.print(render.error(code.equals("unavailable")
                ? "not sent, the chat cannot store messages right now; sending again in " + Session.seconds(JOIN_RETRY_MS)
                : text));
        if (code.equals("unavailable")) {
            later(JOIN_RETRY_MS, session::resendPending);
        }
    }

    private void later(long delayMs, Runnable task) {
        cancel();
        retry = timers.after(delayMs, () -> {
            retry = null;
            task.run();
        });
    }

    void cancel() {
        if (retry != null) {
            retry.run();
            retry = null;
        }
    }
}
