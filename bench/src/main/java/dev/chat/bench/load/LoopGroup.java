package dev.chat.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A worker's event loops, each reached on its own thread: a loop's clients and tallies are only
 * touched there, so everything the worker reads of them is read through {@link #onEach}.
 */
final class LoopGroup {

    private final Plan plan;
    private final List<LoadLoop> loops = new ArrayList<>();

    LoopGroup(Plan plan) {
        this.plan = plan;
    }

    void add(LoadLoop loop) {
        loops.add(loop);
    }

    /** Runs {@code action} on every loop's own thread and waits for all of them. */
    <T> List<T> onEach(Function<LoadLoop, T> action) throws Exception {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (LoadLoop loop : loops) {
            CompletableFuture<T> f = new CompletableFuture<>();
            loop.context().runOnContext(ignored -> {
                try {
                    f.complete(action.apply(loop));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
            futures.add(f);
        }
        List<T> results = new ArrayList<>();
        for (CompletableFuture<T> f : futures) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    /** A merged copy of the loops' tallies, each read on its own thread. */
    Tallies collect(Function<LoadLoop, Tallies> what) throws Exception {
        Tallies sum = new Tallies(plan.rampSteps());
        for (Tallies t : onEach(what)) {
            sum.add(t);
        }
        return sum;
    }

    boolean anyStopped() throws Exception {
        return onEach(LoadLoop::stopped).contains(true);
    }
}
