package dev.chat.registry.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.chat.registry.service.AttachmentStore;
import dev.chat.registry.service.StoredAttachment;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/attachments/{id}}: an uploaded image, with the type recognised from its bytes at
 * upload and {@code nosniff}, so a browser never renders it as anything else. Ids are random and
 * never reused, so the bytes behind a URL never change: caches may keep them for good.
 */
@Path("/api/attachments")
public class AttachmentResource {

    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    private final AttachmentStore store;

    AttachmentResource(AttachmentStore store) {
        this.store = store;
    }

    @Operation(summary = "An uploaded image's bytes")
    @APIResponse(responseCode = "200", description = "the image")
    @APIResponse(responseCode = "404", description = "no such attachment (or gone)")
    @GET
    @Path("{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        return store.load(id).map(found -> found.map(AttachmentResource::image)
                .orElseGet(() -> ApiResponses.error(Status.NOT_FOUND, "no such attachment: " + id)));
    }

    private static Response image(StoredAttachment attachment) {
        return Response.ok(attachment.data(), attachment.type())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                .header("Content-Disposition", "inline")
                .build();
    }
}
