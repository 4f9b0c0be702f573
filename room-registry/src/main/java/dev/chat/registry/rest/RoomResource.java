package dev.chat.registry.rest;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import dev.chat.contract.GeneralRoom;
import dev.chat.registry.mapping.CreatedRoomView;
import dev.chat.registry.metrics.RegistryMetrics;
import dev.chat.registry.mapping.RoomView;
import dev.chat.registry.service.CreateOutcome;
import dev.chat.registry.service.NewRoom;
import dev.chat.registry.service.NewRoomParser;
import dev.chat.registry.service.RoomCatalog;
import dev.chat.registry.service.RoomCreator;
import dev.chat.registry.service.RoomOptions;
import dev.chat.registry.service.RoomRemover;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /api/rooms}: list, read, create and delete rooms. Every method returns a {@link Uni}
 * (or nothing that blocks) and so runs on the event loop; the services only talk to Redis
 * reactively, so no worker thread is ever parked on a network call.
 */
@Path("/api/rooms")
@Produces(MediaType.APPLICATION_JSON)
public class RoomResource {

    static final String OWNER_TOKEN = "X-Owner-Token";

    private final RoomCatalog catalog;
    private final RoomCreator creator;
    private final RoomRemover remover;
    private final RoomOptions options;
    private final NewRoomParser parser;
    private final RegistryMetrics metrics;
    private final ClientAddress addresses;

    RoomResource(RoomCatalog catalog, RoomCreator creator, RoomRemover remover, RoomOptions options,
            NewRoomParser parser, RegistryMetrics metrics, ClientAddress addresses) {
        this.addresses = addresses;
        this.catalog = catalog;
        this.creator = creator;
        this.remover = remover;
        this.options = options;
        this.parser = parser;
        this.metrics = metrics;
    }

    @Operation(summary = "Every live room, General first, then by name")
    @APIResponse(responseCode = "200", description = "the rooms")
    @GET
    public Uni<List<RoomView>> list() {
        return catalog.list();
    }

    @Operation(summary = "The clear intervals and expiries a new room may have (seconds)")
    @APIResponse(responseCode = "200", description = "the choices")
    @GET
    @Path("options")
    @NonBlocking
    public RoomOptions options() {
        return options;
    }

    @Operation(summary = "One room")
    @APIResponse(responseCode = "200", description = "the room")
    @APIResponse(responseCode = "404", description = "no such (live) room")
    @GET
    @Path("{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        return catalog.get(id).map(room -> room.map(found -> Response.ok(found).build())
                .orElseGet(() -> ApiResponses.noSuchRoom(id)));
    }

    @Operation(summary = "Creates a room; the answer holds its owner token, shown only here")
    @APIResponse(responseCode = "201", description = "created")
    @APIResponse(responseCode = "400", description = "a field missing, of the wrong type, out of its values or unknown; a body that is not a JSON object")
    @APIResponse(responseCode = "409", description = "the name is in use (any case)")
    @APIResponse(responseCode = "429", description = "too many rooms created from this address this minute")
    @APIResponse(responseCode = "507", description = "the chat holds the most live rooms it may (chat.rooms.max-live)")
    @POST
    public Uni<Response> create(String body, HttpHeaders headers, HttpServerRequest request) {
        NewRoom room = parser.parse(body);
        String client = addresses.of(headers.getHeaderString("X-Real-IP"),
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        return creator.create(room, client).invoke(outcome -> {
            if (outcome instanceof CreateOutcome.Created) {
                metrics.roomCreated();
            }
        }).map(RoomResource::created);
    }

    @Operation(summary = "Deletes a room with its owner token (X-Owner-Token)")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "403", description = "missing or wrong owner token, or General")
    @APIResponse(responseCode = "404", description = "no such (live) room")
    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam(OWNER_TOKEN) String ownerToken) {
        return remover.delete(id, ownerToken).map(outcome -> switch (outcome) {
            case DELETED -> Response.noContent().build();
            case NO_SUCH_ROOM -> ApiResponses.noSuchRoom(id);
            case FORBIDDEN -> ApiResponses.error(Status.FORBIDDEN, GeneralRoom.ID.equals(id)
                    ? "General cannot be deleted"
                    : "missing or wrong " + OWNER_TOKEN);
        });
    }

    private static Response created(CreateOutcome outcome) {
        if (outcome instanceof CreateOutcome.Created created) {
            // Set by hand: Response.created() would make it absolute with this service's own
            // host, which is not the gateway's.
            return Response.status(Status.CREATED).header(HttpHeaders.LOCATION, "/api/rooms/" + created.room().id())
                    .entity(new CreatedRoomView(created.room(), created.ownerToken())).build();
        }
        if (outcome instanceof CreateOutcome.RateLimited limited) {
            return Response.status(Status.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()))
                    .entity(new ErrorBody("too many rooms created from this address; try again later")).build();
        }
        if (outcome instanceof CreateOutcome.Full full) {
            return ApiResponses.insufficientStorage("the chat has the most rooms it may hold (" + full.maxLive()
                    + "); try again when one has expired");
        }
        CreateOutcome.NameTaken taken = (CreateOutcome.NameTaken) outcome;
        return Response.status(Status.CONFLICT)
                .entity(new ErrorBody("a room named \"" + taken.name() + "\" already exists", NewRoomParser.NAME))
                .build();
    }
}
