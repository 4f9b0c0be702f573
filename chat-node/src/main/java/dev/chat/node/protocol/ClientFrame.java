package dev.chat.node.protocol;

import java.util.List;

/** What a browser may send, already validated for shape by {@link FrameParser}. */
public sealed interface ClientFrame {

    /** @param since last message id the client has seen, or null */
    record Join(String room, Long since) implements ClientFrame {
    }

    /** The identity token of an earlier connection, sent as the first frame rather than in the URL. */
    record Auth(String token) implements ClientFrame {
    }

    /** @param name already trimmed and valid */
    record Nick(String name) implements ClientFrame {
    }

    /** The user is writing a message (relayed, never stored). */
    record Typing() implements ClientFrame {
    }

    /** @param clientId null when the client sent none */
    record Send(String text, String clientId, List<String> attachments) implements ClientFrame {
    }
}
