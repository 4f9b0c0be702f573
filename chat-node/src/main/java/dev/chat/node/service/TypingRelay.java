package dev.chat.node.service;

import static dev.chat.contract.MessageFrames.quote;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

import dev.chat.contract.Envelope;
import dev.chat.node.broker.Broker;
import dev.chat.node.hub.ClientSession;
import dev.chat.node.protocol.ErrorCode;
import dev.chat.node.protocol.ProtocolException;

/**
 * "Quiet Otter is typing…": a client's {@code typing} frame goes to the room's channel (envelope
 * {@code T}) and from there to every member on every node, and nowhere else: it is never stored.
 * At most one per user per room per interval is relayed (the page throttles too; extra ones are
 * dropped without an error), and none in rooms bigger than the limit, where it would be noise.
 */
final class TypingRelay {

    /** Past this many remembered signals, the ones older than the interval are swept. */
    private static final int SWEEP_AT = 4096;

    private final Broker broker;
    private final String nodeId;
    private final ToLongFunction<String> roomUsers;
    private final int maxRoomUsers;
    private final long minIntervalNanos;
    private final Map<String, Long> lastSignal = new ConcurrentHashMap<>();

    /** @param roomUsers the room's last known count of users (0 when not known yet) */
    TypingRelay(Broker broker, String nodeId, ToLongFunction<String> roomUsers, int maxRoomUsers,
            long minIntervalNanos) {
        this.broker = broker;
        this.nodeId = nodeId;
        this.roomUsers = roomUsers;
        this.maxRoomUsers = maxRoomUsers;
        this.minIntervalNanos = minIntervalNanos;
    }

    static String frame(String room, String userJson) {
        return "{\"type\":\"typing\",\"room\":" + quote(room) + ",\"user\":" + userJson + "}";
    }

    CompletionStage<Void> typing(ClientSession session, long nowNanos) {
        String room = session.room();
        if (room == null) {
            throw new ProtocolException(ErrorCode.NOT_IN_ROOM, "join a room before typing");
        }
        if (roomUsers.applyAsLong(room) > maxRoomUsers || !allow(room + "\n" + session.user().id(), nowNanos)) {
            return CompletableFuture.completedFuture(null);
        }
        return broker.publish(room, new Envelope(Envelope.TYPING, 0, nodeId, frame(room, session.userJson())))
                .exceptionally(failure -> null); // a lost typing signal is not worth an error
    }

    /** Whether this user may signal in this room now; remembers it when so. */
    boolean allow(String key, long nowNanos) {
        boolean[] allowed = new boolean[1];
        lastSignal.compute(key, (k, previous) -> {
            if (previous == null || nowNanos - previous >= minIntervalNanos) {
                allowed[0] = true;
                return nowNanos;
            }
            return previous;
        });
        if (lastSignal.size() > SWEEP_AT) {
            lastSignal.values().removeIf(at -> nowNanos - at >= minIntervalNanos);
        }
        return allowed[0];
    }
}
