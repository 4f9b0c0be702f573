package dev.chat.registry.rest;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.chat.registry.service.ApiKey;
import dev.chat.registry.service.HistoryOutcome;
import dev.chat.registry.service.HistoryQueryParser;
import dev.chat.registry.service.MessageHistory;
import dev.chat.registry.service.MessageTextParser;
import dev.chat.registry.service.PostOutcome;
import dev.chat.registry.service.SystemMessages;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/rooms/{id}/messages}: lets an integration (a bot, an alerting hook) post to a
 * room as user {@code System}, with the shared secret {@code chat.api-key} in {@code X-Api-Key}.
 * Without a configured key the endpoint does not exist (404). {@code GET} pages back through the
 * room's current clear period, for terminal clients and integrations.
 */
@Path("/api/rooms/{id}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class RoomMessageResource {

    static final String API_KEY = "X-Api-Key";
    static final String IDENTITY_TOKEN = "X-Identity-Token";

    private final ApiKey apiKey;
    private final MessageTextParser parser;
    private final SystemMessages messages;
    private final HistoryQueryParser queries;
    private final MessageHistory history;

    RoomMessageResource(ApiKey apiKey, MessageTextParser parser, SystemMessages messages, HistoryQueryParser queries,
            MessageHistory history) {
        this.apiKey = apiKey;
        this.parser = parser;
        this.messages = messages;
        this.queries = queries;
        this.history = history;
    }

    /** The stored frames as they are, newest first: a JSON array written without re-encoding them. */
    @Operation(summary = "Older messages of the room, newest first (before, limit; X-Identity-Token for hidden histories)")
    @APIResponse(responseCode = "200", description = "the messages, as the WebSocket sent them")
    @APIResponse(responseCode = "400", description = "before or limit not as documented")
    @APIResponse(responseCode = "403", description = "the room hides its history and this user was not in it")
    @APIResponse(responseCode = "404", description = "no such (live) room")
    @GET
    public Uni<Response> page(@PathParam("id") String id, @QueryParam(HistoryQueryParser.BEFORE) String before,
            @QueryParam(HistoryQueryParser.LIMIT) String limit, @HeaderParam(IDENTITY_TOKEN) String token) {
        return history.page(id, queries.parse(before, limit), token).map(outcome -> {
            if (outcome instanceof HistoryOutcome.Page page) {
                // who may read a room's history depends on the token: no shared cache keeps it
                return Response.ok("[" + String.join(",", page.frames()) + "]", MediaType.APPLICATION_JSON_TYPE)
                        .header("Cache-Control", "private, no-store").build();
            }
            if (outcome instanceof HistoryOutcome.Forbidden forbidden) {
                return ApiResponses.error(Status.FORBIDDEN, forbidden.reason());
            }
            return ApiResponses.noSuchRoom(id);
        });
    }

    @Operation(summary = "Posts a message as user System, for integrations holding chat.api-key (X-Api-Key)")
    @APIResponse(responseCode = "202", description = "accepted: the message id")
    @APIResponse(responseCode = "400", description = "text missing, empty, too long, another field, or a body that is not a JSON object")
    @APIResponse(responseCode = "401", description = "missing or wrong X-Api-Key")
    @APIResponse(responseCode = "404", description = "no such room, or chat.api-key is not set")
    @POST
    public Uni<Response> post(@PathParam("id") String id, @HeaderParam(API_KEY) String key, String body) {
        if (!apiKey.enabled()) {
            // the same answer as for any path under /api/ that nothing serves (ApiFallbackResource)
            return now(ApiResponses.error(Status.NOT_FOUND, "no such endpoint: /api/rooms/" + id + "/messages"));
        }
        if (!apiKey.matches(key)) {
            return now(ApiResponses.error(Status.UNAUTHORIZED, new ErrorBody("missing or wrong " + API_KEY))
                    .header("WWW-Authenticate", "ApiKey header=\"" + API_KEY + "\"").build());
        }
        String text = parser.parse(body);
        return messages.post(id, text).map(outcome -> {
            if (outcome instanceof PostOutcome.Posted posted) {
                return Response.status(Status.ACCEPTED).entity(Map.of("id", Long.toString(posted.id()))).build();
            }
            return ApiResponses.noSuchRoom(id);
        });
    }

    private static Uni<Response> now(Response response) {
        return Uni.createFrom().item(response);
    }
}
