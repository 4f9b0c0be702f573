package dev.chat.node.ws;

import io.quarkus.websockets.next.CloseReason;

/** Recognises Vert.x's report of a message over the size limit, which must close with 1009. */
final class TooBig {

    static final CloseReason CLOSE_REASON = new CloseReason(1009, "message too big");

    private TooBig() {
    }

    static boolean isMessageTooBig(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("max message size")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
