package dev.chat.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

import dev.chat.node.protocol.ErrorCode;
import dev.chat.node.protocol.ProtocolException;

/** The names and labels the node exports, as Prometheus reads them. */
class NodeMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final NodeMetrics metrics = new NodeMetrics(registry);

    private double value(String series) {
        return Scrape.value(registry.scrape(), series);
    }

    @Test
    void everyErrorAndCloseCodeIsExportedFromTheStart() {
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(0, value("chat_errors_total{code=\"" + code.wire() + "\"}"), code.wire());
        }
        for (String code : new String[] { "1000", "1001", "1006", "1008", "1009", "1011", "1012", "other" }) {
            assertEquals(0, value("chat_closes_total{code=\"" + code + "\"}"), code);
        }
        assertEquals(0, value("chat_redis_reconnects_total"));
        assertEquals(0, value("chat_messages_received_total"));
    }

    @Test
    void errorsClosesAndReconnectsAreCountedByCode() {
        metrics.error(ErrorCode.RATE_LIMITED);
        metrics.error(ErrorCode.RATE_LIMITED);
        metrics.error(ErrorCode.BUSY);
        metrics.closed(1012);
        metrics.closed(null);
        metrics.closed(4321);
        metrics.redisReconnected();
        assertEquals(2, value("chat_errors_total{code=\"rate_limited\"}"));
        assertEquals(1, value("chat_errors_total{code=\"busy\"}"));
        assertEquals(0, value("chat_errors_total{code=\"empty\"}"));
        assertEquals(1, value("chat_closes_total{code=\"1012\"}"));
        assertEquals(1, value("chat_closes_total{code=\"1006\"}"), "no close frame counts as 1006");
        assertEquals(1, value("chat_closes_total{code=\"other\"}"));
        assertEquals(1, value("chat_redis_reconnects_total"));
    }

    @Test
    void gaugesAndTheDeliveryCountAreReadFromTheirOwnersWhenScraped() {
        LongAdder delivered = new LongAdder();
        int[] connections = { 3 };
        metrics.bind(() -> connections[0], () -> 2, delivered::sum);
        delivered.add(40);
        assertEquals(3, value("chat_connections"));
        assertEquals(2, value("chat_rooms_local"));
        assertEquals(40, value("chat_messages_delivered_total"));
        connections[0] = 5;
        delivered.add(2);
        assertEquals(5, value("chat_connections"));
        assertEquals(42, value("chat_messages_delivered_total"));
        assertEquals(5, metrics.connections());
        assertEquals(42, metrics.deliveredTotal());
    }

    @Test
    void aSendIsTimedUntilTheScriptAnswersButNotWhenRedisFailed() {
        metrics.timeSend(() -> CompletableFuture.completedFuture(null));
        metrics.timeSend(() -> CompletableFuture.failedFuture(
                new CompletionException(new ProtocolException(ErrorCode.NO_SUCH_ROOM, "gone"))));
        metrics.timeSend(() -> CompletableFuture.failedFuture(new IllegalStateException("Redis down")));
        assertThrows(ProtocolException.class, () -> metrics.timeSend(() -> {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, "slow down");
        }));
        assertEquals(4, value("chat_messages_received_total"), "every send frame is received");
        assertEquals(4, metrics.receivedTotal());
        assertEquals(2, value("chat_send_seconds_count"), "answered by the script: accepted and refused");
        String scrape = registry.scrape();
        assertTrue(scrape.contains("# TYPE chat_send_seconds histogram"), scrape);
        assertTrue(scrape.contains("chat_send_seconds_bucket{le=\"+Inf\",} 2.0"), scrape);
    }
}
