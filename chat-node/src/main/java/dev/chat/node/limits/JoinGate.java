package dev.chat.node.limits;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Joins in progress on this node, bounded, with a bounded line behind them. A reconnect storm
 * brings thousands of joins at once: a few are worked on together (so that the sends of people
 * already in rooms never queue behind thousands of joins' Redis calls), the rest wait their turn
 * in arrival order. Waiting in line costs a client nothing but the wait, where a refusal costs it
 * a retry timer and another round trip, and leaves the node idle while the refused wait; only
 * past the line's bound is a join refused at once with a time to come back ({@code busy}), spread
 * with jitter so that the refused do not return together.
 */
public final class JoinGate {

    private static final CompletionStage<Void> NOW = CompletableFuture.completedFuture(null);

    private final int maxInProgress;
    private final int maxQueued;
    private final long retryAfterMillis;
    // guarded by this
    private int inProgress;
    private final ArrayDeque<Waiting> line = new ArrayDeque<>();

    private record Waiting(CompletableFuture<Void> turn, Executor resumeOn) {
    }

    public JoinGate(int maxInProgress, int maxQueued, long retryAfterMillis) {
        this.maxInProgress = maxInProgress;
        this.maxQueued = maxQueued;
        this.retryAfterMillis = retryAfterMillis;
    }

    /**
     * A join's turn: at once when fewer than the bound are in progress, else once the joins ahead
     * of it are over (completed on {@code resumeOn}, the joiner's own thread, never the thread of
     * the join that ended); {@code null} when the line is full too (answer {@code busy}). Every
     * turn given must be handed back with {@link #exit}.
     */
    public CompletionStage<Void> enter(Executor resumeOn) {
        synchronized (this) {
            if (inProgress < maxInProgress) {
                inProgress++;
                return NOW;
            }
            if (line.size() >= maxQueued) {
                return null;
            }
            CompletableFuture<Void> turn = new CompletableFuture<>();
            line.add(new Waiting(turn, resumeOn));
            return turn;
        }
    }

    /** A join that was given its turn is over, whatever its outcome: the next in line goes. */
    public void exit() {
        Waiting next;
        synchronized (this) {
            next = line.poll();
            if (next == null) {
                inProgress--;
                return;
            }
            // the place passes to the next in line: as many in progress as before
        }
        next.resumeOn().execute(() -> next.turn().complete(null));
    }

    public synchronized int inProgress() {
        return inProgress;
    }

    public synchronized int queued() {
        return line.size();
    }

    /** When a refused join should come back: the configured wait, plus up to as much again. */
    public long retryAfterMillis() {
        return retryAfterMillis + ThreadLocalRandom.current().nextLong(retryAfterMillis + 1);
    }
}
