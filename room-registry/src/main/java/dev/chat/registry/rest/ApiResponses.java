package dev.chat.registry.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/** The API's JSON error answers that resources return (rather than throw) for expected refusals. */
final class ApiResponses {

    private ApiResponses() {
    }

    static Response error(Status status, String message) {
        return error(status, new ErrorBody(message)).build();
    }

    static Response.ResponseBuilder error(Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }

    /** 507 Insufficient Storage: a cap on what the chat stores is reached (JAX-RS has no constant for it). */
    static Response insufficientStorage(String message) {
        return Response.status(507).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message)).build();
    }

    static Response noSuchRoom(String id) {
        return error(Status.NOT_FOUND, "no such room: " + id);
    }

    static Response rateLimited(long retryAfterSeconds, String message) {
        return error(Status.TOO_MANY_REQUESTS, new ErrorBody(message))
                .header("Retry-After", Long.toString(retryAfterSeconds)).build();
    }
}
