package dev.chat.registry.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Every error the API answers: {@code {"error": "...", "field": "..."}}, {@code field} only when one is to blame. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String field) {

    public ErrorBody(String error) {
        this(error, null);
    }
}
