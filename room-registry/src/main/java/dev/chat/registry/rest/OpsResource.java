package dev.chat.registry.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.chat.registry.config.RegistryConfig;
import dev.chat.registry.ops.OpsView;
import dev.chat.registry.service.ApiKey;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /api/ops}: the figures of the operations page ({@code /ops/}) for the operator who
 * holds {@code chat.ops.key}, presented in {@code X-Ops-Key}. Without a configured key the
 * endpoint does not exist (404), like the bot endpoint without its key.
 */
@Path("/api/ops")
@Produces(MediaType.APPLICATION_JSON)
public class OpsResource {

    static final String OPS_KEY = "X-Ops-Key";

    private final ApiKey key;
    private final OpsView view;

    OpsResource(RegistryConfig config, OpsView view) {
        this.key = new ApiKey(config.ops().key());
        this.view = view;
    }

    @Operation(summary = "The operations view: live chat nodes, busiest rooms, Redis memory (X-Ops-Key)")
    @APIResponse(responseCode = "200", description = "the figures")
    @APIResponse(responseCode = "401", description = "X-Ops-Key missing")
    @APIResponse(responseCode = "403", description = "wrong X-Ops-Key")
    @APIResponse(responseCode = "404", description = "chat.ops.key is not set")
    @GET
    public Uni<Response> get(@HeaderParam(OPS_KEY) String presented) {
        if (!key.enabled()) {
            return now(ApiResponses.error(Status.NOT_FOUND, "no such endpoint: /api/ops"));
        }
        if (presented == null || presented.isEmpty()) {
            return now(ApiResponses.error(Status.UNAUTHORIZED, new ErrorBody("missing " + OPS_KEY))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + OPS_KEY + "\"").build());
        }
        if (!key.matches(presented)) {
            return now(ApiResponses.error(Status.FORBIDDEN, "wrong " + OPS_KEY));
        }
        return view.snapshot().map(snapshot -> Response.ok(snapshot).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build());
    }

    private static Uni<Response> now(Response response) {
        return Uni.createFrom().item(response);
    }
}
