package dev.chat.registry.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.chat.contract.RedisFull;
import dev.chat.registry.service.InvalidRequestException;
import dev.chat.registry.service.StorageException;

/**
 * Turns every failure into the API's JSON error shape, so no client ever has to parse an HTML or
 * plain-text error page: refusals are 400, Redis trouble 503 (retry), anything else 500.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return json(Response.status(Response.Status.BAD_REQUEST), new ErrorBody(e.getMessage(), e.field()));
    }

    @ServerExceptionMapper
    public Response storage(StorageException e) {
        LOG.warnf("answering 503: %s", e.getMessage());
        return json(Response.status(Response.Status.SERVICE_UNAVAILABLE), new ErrorBody(RedisFull.is(e)
                ? "storage full, nothing was stored; try again later"
                : "storage unavailable, try again"));
    }

    /** 404, 405, 406, 415 and the like raised by the HTTP layer itself; their headers (Allow) are kept. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        Response original = e.getResponse();
        String reason = original.getStatusInfo().getReasonPhrase();
        return json(Response.fromResponse(original), new ErrorBody(reason == null ? "error" : reason.toLowerCase()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return json(Response.serverError(), new ErrorBody("internal error"));
    }

    private static Response json(Response.ResponseBuilder builder, ErrorBody body) {
        return builder.type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
