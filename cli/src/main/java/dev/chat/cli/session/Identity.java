package dev.chat.cli.session;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who this client is, as the server last said ({@code welcome}, {@code identity}): the user, its
 * token (kept for the next run), every id it has had, so its own joins and leaves are not
 * announced to it, and whether a rename is waiting for its answer.
 */
final class Identity {

    private final Consumer<String> tokens;
    private final Set<String> ownIds = new HashSet<>();
    private String userId;
    private String userName;
    private String token;
    private boolean renaming;

    /** @param tokens receives every identity token the server gives */
    Identity(Consumer<String> tokens) {
        this.tokens = tokens;
    }

    void adopt(JsonNode frame) {
        JsonNode user = frame.path("user");
        if (user.path("id").isTextual()) {
            userId = user.get("id").asText();
            userName = user.path("name").asText(userId);
            ownIds.add(userId);
        }
        if (frame.path("token").isTextual() && !frame.get("token").asText().isEmpty()) {
            token = frame.get("token").asText();
            tokens.accept(token);
        }
    }

    /** A {@code nick} was sent: an {@code identity} or a {@code bad_request} answers it. */
    void renaming() {
        renaming = true;
    }

    /** The answer to a rename: the new name and token. */
    void renamed(JsonNode frame) {
        renaming = false;
        adopt(frame);
    }

    /** True when a rename was waiting for its answer (a refusal answers it). */
    boolean renameRefused() {
        boolean was = renaming;
        renaming = false;
        return was;
    }

    /** The connection is gone, and with it the answer to any rename. */
    void disconnected() {
        renaming = false;
    }

    /** Null before the first {@code welcome}. */
    String name() {
        return userName;
    }

    String token() {
        return token;
    }

    /** Every id this client has had. */
    Set<String> ownIds() {
        return ownIds;
    }

    boolean isOwn(String id) {
        return ownIds.contains(id);
    }
}
