package dev.chat.node.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import dev.chat.node.hub.Delivery;

/** Reads Redis replies the same way whether the connection speaks RESP2 or RESP3. */
final class Responses {

    private Responses() {
    }

    static Map<String, String> hash(Response response) {
        Map<String, String> hash = new HashMap<>();
        if (response == null) {
            return hash;
        }
        if (response.type() == ResponseType.MULTI && !response.getKeys().isEmpty()) {
            for (String field : response.getKeys()) {
                hash.put(field, response.get(field).toString());
            }
            return hash;
        }
        for (int i = 0; i + 1 < response.size(); i += 2) {
            hash.put(response.get(i).toString(), response.get(i + 1).toString());
        }
        return hash;
    }

    /** Stream entries {@code [[id, [field, frame]], ...]} as deliveries, in the order given. */
    static List<Delivery> entries(Response response) {
        List<Delivery> out = new ArrayList<>(response == null ? 0 : response.size());
        if (response == null) {
            return out;
        }
        for (Response entry : response) {
            String id = entry.get(0).toString();
            int dash = id.indexOf('-');
            long seq = Long.parseLong(dash < 0 ? id : id.substring(0, dash));
            out.add(new Delivery(seq, entry.get(1).get(1).toString()));
        }
        return out;
    }
}
