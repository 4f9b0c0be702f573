package dev.chat.registry.rest;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.chat.contract.RedisKeys;
import dev.chat.registry.config.RegistryConfig;
import dev.chat.registry.mapping.AttachmentView;
import dev.chat.registry.metrics.RegistryMetrics;
import dev.chat.registry.service.AttachmentStore;
import dev.chat.registry.service.ImageType;
import dev.chat.registry.service.UploadOutcome;
import dev.chat.registry.service.IdentityVerifier;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /api/rooms/{id}/attachments}: an image for the room's messages, as the raw body (any
 * {@code Content-Type}: it is not believed) or as the file part of a {@code multipart/form-data}
 * form (parsed by the framework). Size and type are checked here, before Redis; the body itself is bounded by
 * {@code quarkus.http.limits.max-body-size}, a little above {@code chat.attachments.max-bytes}.
 */
@Path("/api/rooms/{id}/attachments")
@Produces(MediaType.APPLICATION_JSON)
public class AttachmentUploadResource {

    /** The identity token of the page that uploads (from its chat node's {@code welcome} or {@code identity}). */
    static final String IDENTITY_TOKEN = "X-Identity-Token";

    private final AttachmentStore store;
    private final IdentityVerifier uploaders;
    private final long maxBytes;
    private final RegistryMetrics metrics;

    private final ClientAddress addresses;

    AttachmentUploadResource(AttachmentStore store, IdentityVerifier uploaders, ClientAddress addresses,
            RegistryConfig config, RegistryMetrics metrics) {
        this.addresses = addresses;
        this.store = store;
        this.uploaders = uploaders;
        this.metrics = metrics;
        this.maxBytes = config.attachments().maxBytes();
    }

    @Operation(summary = "Stores an image for the room's messages (raw body or multipart form)")
    @APIResponse(responseCode = "201", description = "stored")
    @APIResponse(responseCode = "400", description = "empty body, or a form without a file part")
    @APIResponse(responseCode = "401", description = "no valid identity token (X-Identity-Token)")
    @APIResponse(responseCode = "403", description = "the token's user is not in the room")
    @APIResponse(responseCode = "404", description = "no such (live) room")
    @APIResponse(responseCode = "413", description = "the image or the body is too large")
    @APIResponse(responseCode = "415", description = "not a PNG, JPEG, GIF or WebP image")
    @APIResponse(responseCode = "429", description = "too many uploads from this address this minute")
    @APIResponse(responseCode = "507", description = "the room's or the chat's images are at their cap")
    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> upload(@PathParam("id") String id, byte[] body, HttpHeaders headers,
            HttpServerRequest request) {
        String refused = refusal(id, headers);
        return refused != null ? now(refusalResponse(id, refused))
                : accept(id, body == null ? new byte[0] : body, headers, request);
    }

    /**
     * A {@code multipart/form-data} form, parsed by the framework (its parts are streamed to
     * temporary files within the body limit): the first part with a file name is the image.
     * Blocking: the part is read from its file.
     */
    @Operation(summary = "Stores an image for the room's messages (multipart form)")
    @APIResponse(responseCode = "201", description = "stored")
    @APIResponse(responseCode = "400", description = "empty body, or a form without a file part")
    @APIResponse(responseCode = "401", description = "no valid identity token (X-Identity-Token)")
    @APIResponse(responseCode = "403", description = "the token's user is not in the room")
    @APIResponse(responseCode = "404", description = "no such (live) room")
    @APIResponse(responseCode = "413", description = "the image or the body is too large")
    @APIResponse(responseCode = "415", description = "not a PNG, JPEG, GIF or WebP image")
    @APIResponse(responseCode = "429", description = "too many uploads from this address this minute")
    @APIResponse(responseCode = "507", description = "the room's or the chat's images are at their cap")
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    public Uni<Response> uploadForm(@PathParam("id") String id, @RestForm(FileUpload.ALL) List<FileUpload> parts,
            HttpHeaders headers, HttpServerRequest request) throws IOException {
        String refused = refusal(id, headers);
        if (refused != null) {
            return now(refusalResponse(id, refused));
        }
        FileUpload file = parts == null ? null : parts.stream()
                .filter(part -> part.fileName() != null && !part.fileName().isEmpty()).findFirst().orElse(null);
        if (file == null) {
            return now(ApiResponses.error(Status.BAD_REQUEST, "the form has no file part: send the image as a file"));
        }
        return accept(id, Files.readAllBytes(file.uploadedFile()), headers, request);
    }

    /** What is wrong before the body matters: the room id, or no identity token. */
    private static String refusal(String id, HttpHeaders headers) {
        if (!RedisKeys.isValidRoomId(id)) {
            return "room";
        }
        String token = headers.getHeaderString(IDENTITY_TOKEN);
        return token == null || token.isBlank() ? "token" : null;
    }

    private static Response refusalResponse(String id, String refused) {
        return "room".equals(refused) ? ApiResponses.noSuchRoom(id) : notIdentified();
    }

    private Uni<Response> accept(String id, byte[] image, HttpHeaders headers, HttpServerRequest request) {
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
        String client = addresses.of(headers.getHeaderString("X-Real-IP"),
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        return uploaders.userOf(headers.getHeaderString(IDENTITY_TOKEN)).chain(user -> user.isEmpty() ? now(notIdentified())
                : store.store(id, type, image, client, user.get()).invoke(outcome -> {
                    if (outcome instanceof UploadOutcome.Stored stored) {
                        metrics.attachmentStored(stored.size());
                    }
                }).map(outcome -> answer(id, outcome)));
    }

    private static Response notIdentified() {
        return ApiResponses.error(Status.UNAUTHORIZED, new ErrorBody("an upload needs the identity token of a member "
                + "of the room (" + IDENTITY_TOKEN + ", as the chat gave it); it is missing, altered or expired"))
                .header(HttpHeaders.WWW_AUTHENTICATE, IDENTITY_TOKEN).build();
    }

    private static Response answer(String roomId, UploadOutcome outcome) {
        if (outcome instanceof UploadOutcome.Stored stored) {
            // no Location: the URL is in the body, relative to the gateway like every URL of the API
            return Response.status(Status.CREATED)
                    .entity(AttachmentView.of(stored.id(), stored.type().mimeType(), stored.size())).build();
        }
        if (outcome instanceof UploadOutcome.NotMember) {
            return ApiResponses.error(Status.FORBIDDEN, "only a member of the room may upload to it: join it first");
        }
        if (outcome instanceof UploadOutcome.Full full) {
            return ApiResponses.insufficientStorage(full.perRoom()
                    ? "this room holds the most images it may (" + full.cap() + " bytes) until its next clear"
                    : "the chat holds the most images it may (" + full.cap() + " bytes); try again later");
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
