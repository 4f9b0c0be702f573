package dev.chat.registry.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chat.contract.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;

/**
 * Pages back through a room's history (the stream the chat nodes append to, which expires at
 * each clear boundary, so it holds exactly the current clear period), in one script call
 * ({@code lua/registry/history-page.lua}). A room created with {@code historyForNewcomers:false}
 * shows a reader only what came after their first join, as the chat node does on join.
 */
@ApplicationScoped
public class MessageHistory {

    public static final String NO_READER = "this room shows its messages only to people who were in it: "
            + "send the X-Identity-Token of one who was";
    public static final String NOT_MEMBER = "the user of this identity token has not been in this room since it was last cleared";

    private final Redis scripts;
    private final RedisKeys keys;
    private final IdentityVerifier identities;

    MessageHistory(Redis scripts, RedisKeys keys, IdentityVerifier identities) {
        this.scripts = scripts;
        this.keys = keys;
        this.identities = identities;
    }

    /** @param token the reader's identity token as presented, null when absent */
    public Uni<HistoryOutcome> page(String roomId, HistoryQuery query, String token) {
        if (!RedisKeys.isValidRoomId(roomId)) {
            return Uni.createFrom().item(new HistoryOutcome.NoSuchRoom());
        }
        return identities.userOf(token)
                .chain(reader -> read(roomId, query, reader))
                .onFailure().transform(StorageException::wrap);
    }

    private Uni<HistoryOutcome> read(String roomId, HistoryQuery query, Optional<String> reader) {
        return Futures.uni(() -> LuaScripts.HISTORY_PAGE.run(scripts,
                List.of(keys.meta(roomId), keys.history(roomId), keys.firstJoins(roomId)),
                List.of(query.before() == null ? "" : query.before().toString(), Integer.toString(query.limit()),
                        reader.orElse(""))))
                .map(MessageHistory::outcome);
    }

    private static HistoryOutcome outcome(Response reply) {
        return switch (reply.get(0).toString()) {
            case "ok" -> {
                List<String> frames = new ArrayList<>(reply.size() - 1);
                for (int i = 1; i < reply.size(); i++) {
                    frames.add(reply.get(i).toString());
                }
                yield new HistoryOutcome.Page(frames);
            }
            case "no_such_room" -> new HistoryOutcome.NoSuchRoom();
            case "forbidden" -> new HistoryOutcome.Forbidden(NO_READER);
            case "not_member" -> new HistoryOutcome.Forbidden(NOT_MEMBER);
            default -> throw new IllegalStateException("history-page.lua said " + reply);
        };
    }
}
