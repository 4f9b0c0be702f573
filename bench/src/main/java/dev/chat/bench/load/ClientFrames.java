package dev.chat.bench.load;

/** The client frames of docs/protocol.md that the generator sends, written by hand (no escaping needed: ids and bench texts are ASCII). */
public final class ClientFrames {

    private ClientFrames() {
    }

    public static String join(String room, String since) {
        return since == null ? "{\"type\":\"join\",\"room\":\"" + room + "\"}"
                : "{\"type\":\"join\",\"room\":\"" + room + "\",\"since\":\"" + since + "\"}";
    }

    public static String send(String text, String clientId) {
        return clientId == null ? "{\"type\":\"send\",\"text\":\"" + text + "\"}"
                : "{\"type\":\"send\",\"text\":\"" + text + "\",\"clientId\":\"" + clientId + "\"}";
    }
}
