package dev.chat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.cluster.k8s.Manifests;
import dev.chat.testing.WsClient;

/** Three real chat nodes behind real nginx on one real Redis, driven through the gateway only. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String OPS_KEY = "cluster-it-" + UUID.randomUUID();
    static LocalCluster cluster;

    @BeforeAll
    static void up(TestInfo test) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("CHAT_OPS_KEY", OPS_KEY));
        if ("cluster".equals(OnRedisCluster.mode(test))) {
            // ClusterOnRedisClusterIT creates rooms until every master has one
            settings.putAll(Map.of("REDIS_MODE", "cluster", "CHAT_ROOMS_CREATE_PER_MINUTE", "100"));
        }
        cluster = LocalCluster.start(3, settings);
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Connects until clients sit on every node; nginx balances round robin. */
    private static List<WsClient> clientsOnEveryNode(int nodes) {
        List<WsClient> clients = new ArrayList<>();
        Set<String> seenNodes = new HashSet<>();
        for (int i = 0; i < nodes * 4 && seenNodes.size() < nodes; i++) {
            WsClient client = cluster.connect();
            String node = client.next("welcome").get("node").asText();
            if (seenNodes.add(node)) {
                clients.add(client);
            } else {
                client.close();
            }
        }
        assertEquals(nodes, seenNodes.size(), "clients on every node: " + seenNodes);
        return clients;
    }

    /** Earlier tests' clients leave asynchronously: start each count from an empty room. */
    private static void awaitUsers(int users) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertEquals(users, general().get("users").asInt()));
    }

    private static JsonNode general() throws Exception {
        HttpResponse<String> response = cluster.get("/api/rooms/general");
        assertEquals(200, response.statusCode(), response.body());
        return MAPPER.readTree(response.body());
    }

    @Test
    @Order(1)
    void gatewayServesThePageWithSecurityHeaders() {
        HttpResponse<String> page = cluster.get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script type=\"module\""), page.body());
        assertTrue(page.headers().firstValue("content-security-policy").orElse("").contains("script-src 'self'"));
        assertEquals("nosniff", page.headers().firstValue("x-content-type-options").orElse(""));
        assertEquals(200, cluster.get("/some/client/route").statusCode(), "SPA fallback");
    }

    @Test
    @Order(1)
    void theGatewayLimitsRequestsPerAddressOnTheApiWithAJsonAnswer() throws Exception {
        int limited = 0;
        String body = "";
        // 20 requests/s with a burst of 40 are allowed; 150 at once are not
        for (int i = 0; i < 150; i++) {
            HttpResponse<String> response = cluster.get("/api/rooms/options");
            if (response.statusCode() == 429) {
                limited++;
                body = response.body();
                assertEquals("1", response.headers().firstValue("retry-after").orElse(""));
            }
        }
        assertTrue(limited > 0, "some requests were limited");
        assertTrue(MAPPER.readTree(body).has("error"), body);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> cluster.get("/api/rooms/options").statusCode() == 200);
    }

    /** A service's own port, not the gateway's. */
    private static HttpResponse<String> direct(String service, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + cluster.port(service) + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void eachChatNodeRunsTheEventLoopsTheLauncherSharesOutOfTheCores() throws Exception {
        // Quarkus alone would start two per core in every node (deploy/README.md, NODE_EVENT_LOOPS)
        int expected = Math.max(1, Runtime.getRuntime().availableProcessors() / cluster.chatNodes().size());
        for (String node : cluster.chatNodes()) {
            long pid = cluster.process(node).orElseThrow().pid();
            long loops;
            try (var threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
                // a thread's name is cut to 15 characters in comm: vert.x-eventloop-thread-N
                loops = threads.filter(task -> comm(task).equals("vert.x-eventloo")).count();
            }
            assertEquals(expected, loops, node + "'s event loop threads");
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim();
        } catch (IOException gone) {
            return ""; // the thread ended meanwhile
        }
    }

    @Test
    @Order(1)
    void everyServiceAnswersTheProbesOfItsKubernetesManifests() throws Exception {
        Manifests manifests = Manifests.base();
        Map<String, List<String>> services = Map.of("room-registry", List.of("room-registry"), "chat-node", cluster.chatNodes());
        for (Map.Entry<String, List<String>> service : services.entrySet()) {
            var container = manifests.container(service.getKey());
            for (var probe : List.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())) {
                for (String process : service.getValue()) {
                    HttpResponse<String> answer = direct(process, probe.getHttpGet().getPath());
                    assertEquals(200, answer.statusCode(), process + " " + probe.getHttpGet().getPath() + ": " + answer.body());
                }
            }
        }
        assertEquals(200, cluster.get(manifests.container("gateway").getReadinessProbe().getHttpGet().getPath()).statusCode());
    }

    @Test
    @Order(1)
    void everyServiceServesPrometheusMetricsAndTheRegistryItsOpenApi() throws Exception {
        String registry = direct("room-registry", "/q/metrics").body();
        for (String series : List.of("chat_rooms ", "chat_rooms_created_total ", "chat_attachments_bytes_count ")) {
            assertTrue(registry.contains("\n" + series), "registry: " + series);
        }
        for (String node : cluster.chatNodes()) {
            String metrics = direct(node, "/q/metrics").body();
            for (String series : List.of("chat_connections", "chat_rooms_local", "chat_messages_received_total",
                    "chat_messages_delivered_total", "chat_send_seconds_count", "chat_send_seconds_bucket\\{le=\"\\+Inf\",?}",
                    "chat_errors_total\\{code=\"busy\",?}", "chat_closes_total\\{code=\"1012\",?}",
                    "chat_redis_reconnects_total")) {
                assertTrue(java.util.regex.Pattern.compile("(?m)^" + series + " [0-9.E+-]+$").matcher(metrics).find(),
                        node + ": " + series + " in\n" + metrics);
            }
        }
        HttpResponse<String> openapi = direct("room-registry", "/q/openapi?format=json");
        assertEquals(200, openapi.statusCode());
        assertTrue(MAPPER.readTree(openapi.body()).path("paths").has("/api/rooms/{id}/messages"), openapi.body());
        assertEquals(404, direct("room-registry", "/q/swagger-ui").statusCode(), "no Swagger UI outside dev mode");
        // metrics are scraped from each pod, never published through the gateway (it answers with the page)
        assertFalse(cluster.get("/q/metrics").body().contains("# TYPE"), "the gateway does not proxy /q/");
    }

    @Test
    @Order(1)
    void theOpsViewThroughTheGatewayListsEveryNodeForTheKeyOnly() {
        assertEquals(401, cluster.get("/api/ops").statusCode());
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> ops = cluster.getWith("/api/ops", Map.of("X-Ops-Key", OPS_KEY));
            assertEquals(200, ops.statusCode(), ops.body());
            List<String> nodes = new ArrayList<>();
            MAPPER.readTree(ops.body()).path("nodes").forEach(n -> nodes.add(n.path("node").asText()));
            assertEquals(List.of("node-1", "node-2", "node-3"), nodes);
        });
        assertEquals(403, cluster.getWith("/api/ops", Map.of("X-Ops-Key", OPS_KEY + "x")).statusCode());
    }

    @Test
    @Order(2)
    void clientsOnDifferentNodesEachReceiveEveryMessageOnceInOrder() throws Exception {
        List<WsClient> clients = clientsOnEveryNode(3);
        try {
            for (WsClient c : clients) {
                c.join("general");
                c.next("joined");
            }
            String tag = UUID.randomUUID().toString();
            int perClient = 20;
            for (int i = 0; i < perClient; i++) {
                for (int c = 0; c < clients.size(); c++) {
                    clients.get(c).say(tag + " " + c + " " + i);
                }
            }
            int total = perClient * clients.size();
            List<List<String>> views = new ArrayList<>();
            for (WsClient c : clients) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < total; i++) {
                    ids.add(c.next("message", m -> m.get("text").asText().startsWith(tag), Duration.ofSeconds(20))
                            .get("id").asText());
                }
                views.add(ids);
            }
            for (List<String> view : views) {
                assertEquals(views.get(0), view, "every client sees the same messages in the same order");
                assertEquals(total, new HashSet<>(view).size(), "no duplicates");
                for (int i = 1; i < view.size(); i++) {
                    assertTrue(Long.parseLong(view.get(i)) > Long.parseLong(view.get(i - 1)), "id order");
                }
            }
            for (int c = 0; c < clients.size(); c++) {
                // a client's own messages arrive in the order it sent them
                int sender = c;
                List<String> own = clients.get(0).seen("message").stream().map(m -> m.get("text").asText())
                        .filter(t -> t.startsWith(tag + " " + sender + " ")).toList();
                assertEquals(perClient, own.size());
                for (int i = 0; i < perClient; i++) {
                    assertEquals(tag + " " + sender + " " + i, own.get(i));
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertTrue(
                    general().get("users").asInt() >= 3, "registry counts the users of all nodes"));
            try (WsClient late = cluster.connect()) {
                late.next("welcome");
                late.join("general");
                JsonNode history = late.next("joined").get("history");
                long ours = 0;
                for (JsonNode m : history) {
                    ours += m.get("text").asText().startsWith(tag) ? 1 : 0;
                }
                assertEquals(total, ours, "a late joiner gets the history");
            }
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    @Order(3)
    void roomCountFollowsJoinsAndLeavesOnDifferentNodes() throws Exception {
        awaitUsers(0);
        int before = 0;
        List<WsClient> clients = clientsOnEveryNode(3);
        for (WsClient c : clients) {
            c.join("general");
            c.next("joined");
        }
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(before + 3, general().get("users").asInt()));
        clients.get(0).next("presence", p -> p.get("users").asInt() == before + 3);
        clients.get(2).close();
        clients.get(0).next("presence", p -> p.get("users").asInt() == before + 2);
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(before + 2, general().get("users").asInt()));
        clients.get(0).close();
        clients.get(1).close();
    }

    @Test
    @Order(4)
    void usersOfANodeThatDiesLeaveTheCountWithin15Seconds() throws Exception {
        awaitUsers(0);
        int before = 0;
        List<WsClient> clients = clientsOnEveryNode(3);
        try {
            for (WsClient c : clients) {
                c.join("general");
                c.next("joined");
            }
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertEquals(before + 3, general().get("users").asInt()));
            String victim = clients.get(2).seen("welcome").get(0).get("node").asText();
            long killedAt = System.nanoTime();
            cluster.kill("chat-node-" + victim.substring(victim.lastIndexOf('-') + 1));
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertEquals(before + 2, general().get("users").asInt()));
            System.out.printf("presence: a killed node's user left the count after %d ms%n",
                    (System.nanoTime() - killedAt) / 1_000_000);
            clients.get(0).next("presence", p -> p.get("users").asInt() == before + 2, Duration.ofSeconds(5));
        } finally {
            clients.forEach(WsClient::close);
        }
    }
}
