package dev.chat.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Creates the run's rooms the way a person does, through {@code POST /api/rooms} on the gateway,
 * with the longest clear interval and expiry the registry offers (so no clear or expiry falls in
 * a run); honours {@code 429 Retry-After} a bounded number of times.
 */
public final class RoomSetup {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RETRIES = 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    public RoomSetup(URI base) {
        this.base = base;
    }

    public List<String> create(String runId, int count) throws IOException, InterruptedException {
        JsonNode options = JSON.readTree(get("/api/rooms/options"));
        long clear = max(options.get("clearIntervals"));
        long expiry = max(options.get("expiries"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = JSON.writeValueAsString(java.util.Map.of("name", "bench " + runId + " " + (i + 1),
                    "clearIntervalSeconds", clear, "expirySeconds", expiry));
            ids.add(JSON.readTree(post("/api/rooms", body)).get("id").asText());
        }
        return ids;
    }

    private static long max(JsonNode values) {
        List<Long> all = new ArrayList<>();
        values.forEach(v -> all.add(v.asLong()));
        return all.stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    private String get(String path) throws IOException, InterruptedException {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).GET().timeout(Duration.ofSeconds(10)).build(), 200);
    }

    private String post(String path, String json) throws IOException, InterruptedException {
        return exchange(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(10)).build(), 201);
    }

    private String exchange(HttpRequest request, int expected) throws IOException, InterruptedException {
        for (int attempt = 0;; attempt++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == expected) {
                return response.body();
            }
            if (response.statusCode() != 429 || attempt >= MAX_RETRIES) {
                throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
            Thread.sleep(Math.min(seconds, 60) * 1000);
        }
    }
}
