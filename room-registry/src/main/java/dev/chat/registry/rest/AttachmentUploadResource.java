package dev.chat.registry.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.chat.contract.RedisKeys;
import dev.chat.registry.config.RegistryConfig;
import dev.chat.registry.mapping.AttachmentView;
import dev.chat.registry.metrics.RegistryMetrics;
import dev.chat.registry.service.AttachmentStore;
import dev.chat.registry.service.ImageType;
import dev.chat.registry.service.UploadOutcome;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /api/rooms/{id}/attachments}: an image for the room's messages, as the raw body (any
 * {@code Content-Type}: it is not believed) or as the file part of a {@code multipart/form-data}
 * form. Size and type are checked here, before Redis; the body itself is bounded by
 * {@code quarkus.http.limits.max-body-size}, a little above {@code chat.attachments.max-bytes}.
 */
@Path("/api/rooms/{id}/attachments")
@Produces(MediaType.APPLICATION_JSON)
public class AttachmentUploadResource {

    private final AttachmentStore store;
    private final long maxBytes;
    private final RegistryMetrics metrics;

    AttachmentUploadResource(AttachmentStore store, RegistryConfig config, RegistryMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.maxBytes = config.attachments().maxBytes();
    }

    @Operation(summary = "Stores an image for the room's messages (raw body or multipart form)")
    @APIResponse(responseCode = "201", description = "stored")
    @APIResponse(responseCode = "400", description = "empty body, or a form without a file part")
    @APIResponse(responseCode = "404", description = "no such (live) room")
    @APIResponse(responseCode = "413", description = "the image or the body is too large")
    @APIResponse(responseCode = "415", description = "not a PNG, JPEG, GIF or WebP image")
    @APIResponse(responseCode = "429", description = "too many uploads from this address this minute")
    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> upload(@PathParam("id") String id, byte[] body, HttpHeaders headers,
            HttpServerRequest request) {
        if (!RedisKeys.isValidRoomId(id)) {
            return now(ApiResponses.noSuchRoom(id));
        }
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        byte[] image = body == null ? new byte[0] : body;
        if (MultipartFile.isMultipart(contentType)) {
            image = MultipartFile.firstFile(image, contentType);
        }
        if (image.length == 0) {
            return now(ApiResponses.error(Status.BAD_REQUEST, "the body is empty: send the image's bytes"));
        }
        if (image.length > maxBytes) {
            return now(ApiResponses.error(Status.REQUEST_ENTITY_TOO_LARGE,
                    "an image may have at most " + maxBytes + " bytes"));
        }
        ImageType type = ImageType.detect(image).orElse(null);
        if (type == null) {
            return now(ApiResponses.error(Status.UNSUPPORTED_MEDIA_TYPE, "not a PNG, JPEG, GIF or WebP image"));
        }
        String client = ClientAddress.of(headers.getHeaderString("X-Real-IP"),
                headers.getHeaderString("X-Forwarded-For"),
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        return store.store(id, type, image, client).invoke(outcome -> {
            if (outcome instanceof UploadOutcome.Stored stored) {
                metrics.attachmentStored(stored.size());
            }
        }).map(outcome -> answer(id, outcome));
    }

    private static Response answer(String roomId, UploadOutcome outcome) {
        if (outcome instanceof UploadOutcome.Stored stored) {
            // no Location: the URL is in the body, relative to the gateway like every URL of the API
            return Response.status(Status.CREATED)
                    .entity(AttachmentView.of(stored.id(), stored.type().mimeType(), stored.size())).build();
        }
        if (outcome instanceof UploadOutcome.RateLimited limited) {
            return ApiResponses.rateLimited(limited.retryAfterSeconds(),
                    "too many attachments uploaded from this address; try again later");
        }
        return ApiResponses.noSuchRoom(roomId);
    }

    private static Uni<Response> now(Response response) {
        return Uni.createFrom().item(response);
    }
}
