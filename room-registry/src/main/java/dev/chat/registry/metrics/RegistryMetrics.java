package dev.chat.registry.metrics;

import jakarta.inject.Singleton;

import dev.chat.registry.service.LiveRoomCount;
import io.quarkus.runtime.Startup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The registry's own figures at {@code /q/metrics}, beside Quarkus' HTTP and JVM ones:
 * {@code chat_rooms} (live rooms), {@code chat_rooms_created_total} and {@code chat_attachments_bytes}
 * (sizes of the images stored: {@code _count}, {@code _sum}, {@code _max}).
 */
// at start: the series exist (at 0) before anything happened
@Startup
@Singleton
public class RegistryMetrics {

    private final Counter created;
    private final DistributionSummary attachments;

    RegistryMetrics(MeterRegistry registry, LiveRoomCount live) {
        Gauge.builder("chat.rooms", live, LiveRoomCount::value).description("live rooms, General included")
                .register(registry);
        created = Counter.builder("chat.rooms.created").description("rooms created through the API")
                .register(registry);
        attachments = DistributionSummary.builder("chat.attachments").baseUnit("bytes")
                .description("images stored as attachments").register(registry);
    }

    public void roomCreated() {
        created.increment();
    }

    public void attachmentStored(long bytes) {
        attachments.record(bytes);
    }
}
