package dev.chat.bench.load;

import io.vertx.core.http.UpgradeRejectedException;

/** A short, stable name for a failure, to count failures of the same kind together. */
final class Errors {

    private Errors() {
    }

    static String key(Throwable failure) {
        if (failure instanceof UpgradeRejectedException rejected) {
            return "HTTP " + rejected.getStatus();
        }
        return failure.getClass().getSimpleName();
    }
}
