package dev.chat.registry.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.NonBlocking;

/**
 * Answers paths under {@code /api} that no resource serves with the API's JSON error; without it
 * the HTTP layer answers them with its own plain-text 404 (paths under a resource, like
 * {@code /api/rooms/a/b}, already reach {@link ErrorMappers}).
 */
@Path("/api/{path: .*}")
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class ApiFallbackResource {

    @GET
    public Response get(@PathParam("path") String path) {
        return unknown(path);
    }

    @POST
    public Response post(@PathParam("path") String path) {
        return unknown(path);
    }

    @PUT
    public Response put(@PathParam("path") String path) {
        return unknown(path);
    }

    @DELETE
    public Response delete(@PathParam("path") String path) {
        return unknown(path);
    }

    @PATCH
    public Response patch(@PathParam("path") String path) {
        return unknown(path);
    }

    private static Response unknown(String path) {
        return Response.status(Response.Status.NOT_FOUND).entity(new ErrorBody("no such endpoint: /api/" + path))
                .build();
    }
}
