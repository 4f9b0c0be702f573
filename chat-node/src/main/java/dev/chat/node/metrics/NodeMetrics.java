package dev.chat.node.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;

import dev.chat.node.protocol.ErrorCode;
import dev.chat.node.protocol.ProtocolException;

/**
 * The node's figures, exported as {@code chat_*} at {@code /q/metrics} and read by the operations
 * heartbeat. Every meter is registered once, here: the hot path only increments counters built in
 * advance (one per error code, one per close code), and deliveries are not counted here at all but
 * by the hub in a {@code LongAdder} that a function counter reads when scraped, so recording
 * allocates nothing per delivery.
 */
public final class NodeMetrics {

    /** Close codes with a counter of their own; any other is counted as {@link #OTHER_CLOSE}. */
    static final int[] CLOSE_CODES = { 1000, 1001, 1006, 1008, 1009, 1011, 1012 };
    static final String OTHER_CLOSE = "other";
    /** A connection that ended without a close frame. */
    static final int ABNORMAL_CLOSE = 1006;

    private final MeterRegistry registry;
    private final Counter received;
    private final Timer send;
    private final Counter reconnects;
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Counter[] closes = new Counter[CLOSE_CODES.length];
    private final Counter otherCloses;
    private IntSupplier connections = () -> 0;
    private IntSupplier localRooms = () -> 0;
    private LongSupplier delivered = () -> 0;

    public NodeMetrics(MeterRegistry registry) {
        this.registry = registry;
        received = Counter.builder("chat.messages.received").description("send frames received from clients")
                .register(registry);
        send = Timer.builder("chat.send").description("from a send frame in to the send script's answer")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        reconnects = Counter.builder("chat.redis.reconnects")
                .description("times the pub/sub connection to Redis was lost and made again").register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder("chat.errors").description("error frames sent, by code")
                    .tag("code", code.wire()).register(registry));
        }
        for (int i = 0; i < CLOSE_CODES.length; i++) {
            closes[i] = closeCounter(Integer.toString(CLOSE_CODES[i]));
        }
        otherCloses = closeCounter(OTHER_CLOSE);
    }

    private Counter closeCounter(String code) {
        return Counter.builder("chat.closes").description("WebSocket connections closed, by close code")
                .tag("code", code).register(registry);
    }

    /**
     * The figures other parts own, read when scraped.
     *
     * @param delivered messages written to local members so far (the hub's fan-out count)
     */
    public void bind(IntSupplier connections, IntSupplier localRooms, LongSupplier delivered) {
        this.connections = connections;
        this.localRooms = localRooms;
        this.delivered = delivered;
        // Micrometer's registry outlives the service in a JVM that starts it twice (tests): meters
        // of an earlier start would read that stopped instance, and a second register is ignored
        for (String name : new String[] {"chat.connections", "chat.rooms.local", "chat.messages.delivered"}) {
            registry.find(name).meters().forEach(registry::remove);
        }
        Gauge.builder("chat.connections", connections::getAsInt).description("open WebSocket connections")
                .register(registry);
        Gauge.builder("chat.rooms.local", localRooms::getAsInt).description("rooms with members on this node")
                .register(registry);
        FunctionCounter.builder("chat.messages.delivered", delivered, LongSupplier::getAsLong)
                .description("messages written to local members (one per member per message)").register(registry);
    }

    /**
     * Handles a send frame: counts it, runs {@code handling} and records the latency from now until
     * the send script has answered (accepted, duplicate or refused), not when Redis failed.
     */
    public <T> CompletionStage<T> timeSend(Supplier<CompletionStage<T>> handling) {
        received.increment();
        long start = System.nanoTime();
        return handling.get().whenComplete((ok, failure) -> {
            if (failure == null || answeredByScript(failure)) {
                send.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        });
    }

    private static boolean answeredByScript(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof ProtocolException;
    }

    public void error(ErrorCode code) {
        errors.get(code).increment();
    }

    /** @param code the connection's close code, null when it ended without one */
    public void closed(Integer code) {
        int value = code == null ? ABNORMAL_CLOSE : code;
        for (int i = 0; i < CLOSE_CODES.length; i++) {
            if (CLOSE_CODES[i] == value) {
                closes[i].increment();
                return;
            }
        }
        otherCloses.increment();
    }

    public void redisReconnected() {
        reconnects.increment();
    }

    public int connections() {
        return connections.getAsInt();
    }

    public int localRooms() {
        return localRooms.getAsInt();
    }

    public long receivedTotal() {
        return (long) received.count();
    }

    public long deliveredTotal() {
        return delivered.getAsLong();
    }

    /** The send latency histogram as it stands (cumulative bucket counts), for windowed percentiles. */
    public HistogramSnapshot sendSnapshot() {
        return send.takeSnapshot();
    }
}
