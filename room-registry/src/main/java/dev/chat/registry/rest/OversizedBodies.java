package dev.chat.registry.rest;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.chat.registry.config.RegistryConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses bodies over {@code quarkus.http.limits.max-body-size} with the API's JSON 413 where
 * Quarkus would answer an empty one. A body announced too large ({@code Content-Length}) is
 * answered at once; a chunked one (no length announced: not from the gateway, which sends lengths)
 * is buffered here up to the limit and handed to the endpoint whole, or answered once it passes the
 * limit (which is why {@code quarkus.rest.input-buffer-size} must not be below it: RESTEasy
 * Reactive mishandles a pre-read body larger than its buffer). Bodies within the limit but over an
 * endpoint's own (an image over {@code chat.attachments.max-bytes}) are refused by the endpoint.
 */
@ApplicationScoped
public class OversizedBodies {

    private static final Logger LOG = Logger.getLogger(OversizedBodies.class);

    /** A refused body is read on (and dropped) up to this many times the limit, then cut off. */
    private static final long DRAIN_FACTOR = 4;

    private final Optional<MemorySize> maxBodySize;
    private final MemorySize inputBufferSize;
    private final long maxAttachmentBytes;

    OversizedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            @ConfigProperty(name = "quarkus.rest.input-buffer-size", defaultValue = "10k") MemorySize inputBufferSize,
            RegistryConfig config) {
        this.maxBodySize = maxBodySize;
        this.inputBufferSize = inputBufferSize;
        this.maxAttachmentBytes = config.attachments().maxBytes();
    }

    void install(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        if (limit < maxAttachmentBytes) {
            LOG.warnf("quarkus.http.limits.max-body-size (%d) is below chat.attachments.max-bytes (%d): "
                    + "images above it are refused", limit, maxAttachmentBytes);
        }
        if (inputBufferSize.asLongValue() < limit) {
            LOG.warnf("quarkus.rest.input-buffer-size (%d) is below quarkus.http.limits.max-body-size (%d): "
                    + "chunked bodies above it reach the endpoints damaged", inputBufferSize.asLongValue(), limit);
        }
        String error = "{\"error\":\"the body is larger than " + limit + " bytes\"}";
        long drainLimit = DRAIN_FACTOR * limit;
        // just before Quarkus' own limit check (and its counting of chunked bodies)
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(context -> {
            long announced = announcedLength(context);
            if (announced > limit) {
                refuse(context, error);
                drain(context.request(), announced <= drainLimit ? drainLimit : 0);
            } else if (announced < 0 && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
                buffer(context, limit, error, drainLimit);
            } else {
                context.next();
            }
        });
    }

    /** Reads a chunked body up to {@code limit}; the REST layer then takes it from the context. */
    private static void buffer(RoutingContext context, long limit, String error, long drainLimit) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + (long) chunk.length() > limit) {
                refuse(context, error);
                drain(request, drainLimit - body.length() - chunk.length());
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> {
            context.setBody(body);
            context.next();
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            context.response().writeContinue();
        }
        request.resume();
    }

    private static void refuse(RoutingContext context, String error) {
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(error);
    }

    /**
     * Reads the rest of a refused body and drops it, so that the client (or the gateway) can finish
     * sending and read the answer: closing at once would reset the connection under it, answer
     * lost. Only up to {@code budget} bytes; past that the connection is closed.
     */
    private static void drain(HttpServerRequest request, long budget) {
        if (budget <= 0) {
            request.connection().close();
            return;
        }
        AtomicLong left = new AtomicLong(budget);
        request.handler(chunk -> {
            if (left.addAndGet(-chunk.length()) < 0) {
                request.handler(null);
                request.connection().close();
            }
        });
        request.endHandler(null);
        request.resume();
    }

    /** -1 when there is no (valid) Content-Length. */
    private static long announcedLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
