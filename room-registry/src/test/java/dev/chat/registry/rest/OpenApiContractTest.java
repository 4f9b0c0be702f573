package dev.chat.registry.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document at /q/openapi, generated from the resources, says what docs/protocol.md
 * says: the same endpoints, each with the same statuses (the REST table, and the status tables of
 * each endpoint's section), no more and no fewer.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class OpenApiContractTest {

    private static final Path PROTOCOL = Path.of("../docs/protocol.md");
    // a path runs to the first space, except inside {braces}: /api/attachments/{attachment id}
    private static final String PATH = "(/api/(?:[^`\\s{]|\\{[^}]*})*)";
    private static final Pattern ENDPOINT = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) " + PATH);
    private static final Pattern SECTION_ENDPOINT = Pattern.compile("\\(`(GET|POST|PUT|PATCH|DELETE) " + PATH + "`\\)");
    private static final Pattern STATUS = Pattern.compile("`([1-5]\\d\\d)`");

    /**
     * {@code /api/attachments/{attachment id}} and {@code /api/attachments/{id}} are one path; a
     * query string ({@code ?before=<id>}) is no part of it.
     */
    private static String normalise(String method, String path) {
        int query = path.indexOf('?');
        return method.toUpperCase() + " " + (query < 0 ? path : path.substring(0, query)).replaceAll("\\{[^}]*}", "{}");
    }

    /** Endpoint → statuses, from the REST part of docs/protocol.md. */
    static Map<String, Set<String>> documented(List<String> lines) {
        Map<String, Set<String>> endpoints = new TreeMap<>();
        boolean inRest = false;
        String section = null;
        boolean inStatusTable = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inRest = line.startsWith("## REST");
                continue;
            }
            if (!inRest) {
                continue;
            }
            Matcher sectionEndpoint = SECTION_ENDPOINT.matcher(line);
            if (!line.startsWith("|") && sectionEndpoint.find()) {
                section = normalise(sectionEndpoint.group(1), sectionEndpoint.group(2));
            }
            if (line.startsWith("| status |")) {
                inStatusTable = true;
                continue;
            }
            if (!line.startsWith("|")) {
                inStatusTable = false;
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 3) {
                continue;
            }
            Matcher endpoint = ENDPOINT.matcher(cells[1]);
            if (!inStatusTable && cells[1].trim().startsWith("`") && endpoint.find()) {
                // the REST table: | `METHOD /path` ... | `200` ...; `404` ... |
                Set<String> statuses = endpoints.computeIfAbsent(normalise(endpoint.group(1), endpoint.group(2)),
                        k -> new TreeSet<>());
                Matcher status = STATUS.matcher(cells[2]);
                while (status.find()) {
                    statuses.add(status.group(1));
                }
            } else if (inStatusTable && section != null) {
                Matcher status = STATUS.matcher(cells[1]);
                if (status.find()) {
                    endpoints.computeIfAbsent(section, k -> new TreeSet<>()).add(status.group(1));
                }
            }
        }
        return endpoints;
    }

    static Map<String, Set<String>> described(JsonNode openapi) {
        Map<String, Set<String>> endpoints = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!Set.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    continue;
                }
                Set<String> statuses = new TreeSet<>();
                op.getValue().path("responses").fieldNames().forEachRemaining(statuses::add);
                endpoints.put(normalise(op.getKey(), path.getKey()), statuses);
            }
        }
        return endpoints;
    }

    @Test
    void theDocumentAndTheProtocolListTheSameEndpointsAndStatuses() throws IOException {
        Map<String, Set<String>> documented = documented(Files.readAllLines(PROTOCOL));
        assertFalse(documented.isEmpty(), "docs/protocol.md has a REST table");
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        Map<String, Set<String>> described = described(new ObjectMapper().readTree(body));
        assertEquals(documented, described, "docs/protocol.md (expected) against /q/openapi (actual)");
    }

    @Test
    void theParserReadsTheTableAndTheSectionsTables() {
        List<String> doc = List.of("## REST", "| request | answer |", "| --- | --- |",
                "| `GET /api/things/{thing id}?since=<id>` | `200` a thing; `404` none |",
                "Making (`POST /api/things`): rules.", "| status | body | when |", "| --- | --- | --- |",
                "| `400` | x | y |", "| `409` | x | y |", "", "## Other", "| `GET /api/elsewhere` | `200` |");
        assertEquals(Map.of("GET /api/things/{}", Set.of("200", "404"), "POST /api/things", Set.of("400", "409")),
                documented(doc));
    }

    @Test
    void theSwaggerUiIsOnlyInDevMode() {
        given().get("/q/swagger-ui").then().statusCode(404);
    }
}
