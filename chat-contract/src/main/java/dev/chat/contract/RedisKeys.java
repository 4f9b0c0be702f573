package dev.chat.contract;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one place that names Redis keys and channels, so both services agree on them and every
 * key of a room shares the hash tag {@code {roomId}} (one Redis Cluster slot per room, which
 * multi-key scripts and sharded pub/sub need).
 */
public final class RedisKeys {

    /** Room ids are generated or fixed ("general"); anything else is refused before it reaches Redis. */
    public static final Pattern ROOM_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /** {@code <room id>.<random>}: the room (and so the hash slot) is known from the id alone. */
    public static final Pattern ATTACHMENT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}\\.[A-Za-z0-9_-]{8,64}");

    private final String prefix;

    public RedisKeys(String prefix) {
        if (prefix == null || prefix.isBlank() || prefix.contains("{") || prefix.contains("}")) {
            throw new IllegalArgumentException("invalid Redis key prefix: " + prefix);
        }
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public static boolean isValidRoomId(String roomId) {
        return roomId != null && ROOM_ID.matcher(roomId).matches();
    }

    /**
     * Set of room ids: an index for listing; entries whose meta key has expired are stale. In the
     * directory's slot (hash tag {@code {directory}}) with the registry's name index, so that one
     * script can change both on a Redis Cluster.
     */
    public String roomIndex() {
        return directory("rooms");
    }

    /** A key of the room directory: one hash slot for the index of rooms and of their names. */
    public String directory(String part) {
        return prefix + ":{directory}:" + part;
    }

    /** String: the key that signs identity tokens when {@code chat.identity.secret} is unset. */
    public String identitySecret() {
        return prefix + ":identity-secret";
    }

    public String meta(String roomId) {
        return room(roomId, "meta");
    }

    public String seq(String roomId) {
        return room(roomId, "seq");
    }

    public String history(String roomId) {
        return room(roomId, "history");
    }

    /** Bytes of message frames the history holds, for its byte cap (see {@code lua/history.lua}). */
    public String historyBytes(String roomId) {
        return room(roomId, "history-bytes");
    }

    public String clientIds(String roomId) {
        return room(roomId, "client-ids");
    }

    /** User id → the room's last message id (seq) when that user first joined in this clear period. */
    public String firstJoins(String roomId) {
        return room(roomId, "first-joins");
    }

    /**
     * The previous release's sorted set of {@code <user id>|<node id>} members: still pruned and
     * counted while nodes of that release run beside new ones (see {@link Presence}).
     */
    public String presence(String roomId) {
        return room(roomId, "presence");
    }

    /** Sorted set: presence id of each node with users in the room → epoch ms when it lapses. */
    public String presenceNodes(String roomId) {
        return room(roomId, "presence-nodes");
    }

    /**
     * Set: the users one node ({@link Presence#instance presence id}) has in the room. Named from
     * {@link #presenceNodes} inside the presence scripts as well, so it is in the room's slot.
     */
    public String presenceNode(String roomId, String presenceId) {
        Objects.requireNonNull(presenceId, "presenceId");
        return presenceNodes(roomId) + ":" + presenceId;
    }

    /** User id → number of that user's memberships (node sets and legacy members; see {@link Presence}). */
    public String presenceUsers(String roomId) {
        return room(roomId, "presence-users");
    }

    /** User id → display name of the users in {@link #presenceUsers} (see {@link Presence}). */
    public String presenceNames(String roomId) {
        return room(roomId, "presence-names");
    }

    /** The version of the room's last roster change (see {@link Presence}). */
    public String presenceVersion(String roomId) {
        return room(roomId, "presence-version");
    }

    public String attachment(String roomId, String attachmentId) {
        return room(roomId, "attachment:" + attachmentId);
    }

    /**
     * The room an attachment id ({@code <room id>.<random>}) belongs to, or null when the id is
     * not of that form.
     */
    public static String roomOfAttachment(String attachmentId) {
        if (attachmentId == null || !ATTACHMENT_ID.matcher(attachmentId).matches()) {
            return null;
        }
        return attachmentId.substring(0, attachmentId.indexOf('.'));
    }

    public String channel(String roomId) {
        return room(roomId, "channel");
    }

    /** Inverse of {@link #channel(String)}; null when the channel is not one of ours. */
    public String roomOfChannel(String channel) {
        String head = prefix + ":{";
        String tail = "}:channel";
        if (channel == null || !channel.startsWith(head) || !channel.endsWith(tail)
                || channel.length() <= head.length() + tail.length()) {
            return null;
        }
        return channel.substring(head.length(), channel.length() - tail.length());
    }

    /**
     * Sorted set of the chat nodes that publish an operations heartbeat: member = node id, score =
     * epoch ms when its heartbeat lapses. Members past their score are gone (readers prune them).
     */
    public String opsNodes() {
        return prefix + ":ops:nodes";
    }

    /** A chat node's latest operations heartbeat (JSON), with a TTL: a dead node's key expires. */
    public String opsNode(String nodeId) {
        Objects.requireNonNull(nodeId, "nodeId");
        return prefix + ":ops:node:" + nodeId;
    }

    private String room(String roomId, String part) {
        Objects.requireNonNull(roomId, "roomId");
        return prefix + ":{" + roomId + "}:" + part;
    }
}
