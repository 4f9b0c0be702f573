package dev.chat.node.service;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import dev.chat.node.config.NodeConfig;
import dev.chat.node.hub.BoundedOutbound;
import dev.chat.node.hub.ClientSession;
import dev.chat.node.hub.Outbound;
import dev.chat.node.identity.IdentityTokens;
import dev.chat.node.identity.NameGenerator;
import dev.chat.node.identity.User;
import dev.chat.node.limits.AddressCounter;
import dev.chat.node.limits.SessionLimits;
import dev.chat.node.protocol.ServerFrames;

/**
 * Who may be connected to this node: a new connection gets its identity and {@code welcome}, or is
 * closed at once (the node is draining, has no identity key yet, or the address has too many
 * connections); a closed one frees its place. Graceful drain moves every client to another node.
 */
public final class ConnectionGate {

    private static final Logger LOG = Logger.getLogger(ConnectionGate.class);
    /** WebSocket close code "service restart": the page reconnects at once. */
    public static final int RESTART = 1012;

    private final String nodeId;
    private final NameGenerator names;
    private final IdentityTokens tokens;
    private final NodeConfig config;
    private final AddressCounter addresses;
    private final Set<ClientSession> open = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;

    public ConnectionGate(String nodeId, NameGenerator names, IdentityTokens tokens, NodeConfig config) {
        this.nodeId = nodeId;
        this.names = names;
        this.tokens = tokens;
        this.config = config;
        this.addresses = new AddressCounter(config.limits().connectionsPerAddress());
    }

    public boolean draining() {
        return draining;
    }

    /** Whether a new connection from this address is within the per-address limit. */
    public boolean admits(String address) {
        return addresses.count(address) < config.limits().connectionsPerAddress();
    }

    public int openConnections() {
        return open.size();
    }

    /** Whether the identity key shared by every node is known (identities can be issued). */
    public boolean identityReady() {
        return tokens.ready();
    }

    /**
     * Graceful drain (SIGTERM): no new connections, every client finishes the frames it sent and is
     * then told to reconnect now (1012: the gateway sends it to another node, where it resumes with
     * {@code since}); waits for them to go, at most {@code timeout}. Blocks: call it from the
     * shutdown thread, never the event loop.
     */
    public void drain(Duration timeout) {
        draining = true;
        if (open.isEmpty()) {
            return;
        }
        LOG.infof("draining %d connections", open.size());
        for (ClientSession session : List.copyOf(open)) {
            session.serially(() -> {
                session.close(RESTART, "node restarting: reconnect now");
                return CompletableFuture.completedFuture(null);
            });
        }
        try {
            drained.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("drained");
        } catch (TimeoutException e) {
            LOG.warnf("drain timed out with %d connections left", open.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.debug("drain", e);
        }
    }

    /**
     * A new connection: the identity from a valid token, or a fresh one (a forged or altered
     * token is not an error; it just isn't trusted).
     */
    public ClientSession open(String token, Outbound outbound, String address) {
        User user = tokens.verify(token).orElseGet(names::newUser);
        ClientSession session = new ClientSession(user, outbound, SessionLimits.of(config.limits(), System.nanoTime()),
                address);
        if (draining || !tokens.ready()) {
            // no identity key yet: another node can give this client an identity the others accept
            session.close(RESTART, "node restarting: reconnect now");
            return session;
        }
        if (!addresses.tryAcquire(address)) {
            session.close(BoundedOutbound.POLICY_VIOLATION, "too many connections from this address");
            return session;
        }
        open.add(session);
        session.send(ServerFrames.welcome(user, nodeId, tokens.issue(user), config.typing().maxRoomUsers(),
                config.typing().minInterval().toMillis()));
        return session;
    }

    /** The connection is closed: its place (and its address') is free; the last one ends a drain. */
    void closed(ClientSession session) {
        if (open.remove(session) && session.address() != null) {
            addresses.release(session.address());
        }
        if (draining && open.isEmpty()) {
            drained.complete(null);
        }
    }
}
