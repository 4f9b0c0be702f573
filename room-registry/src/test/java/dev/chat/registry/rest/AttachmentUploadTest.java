package dev.chat.registry.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.chat.contract.RedisKeys;
import dev.chat.registry.TestImages;
import dev.chat.registry.TestRedis;
import dev.chat.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * {@code POST /api/rooms/{id}/attachments} and {@code GET /api/attachments/{id}}: every image type
 * round-trips byte for byte with the type its bytes say, every refusal is JSON and writes nothing,
 * and deleting the room deletes its images.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class AttachmentUploadTest {

    static final int MAX_BYTES = 2 * 1024 * 1024;

    @Inject
    RedisDataSource redis;

    @Inject
    RedisKeys keys;

    @TestHTTPResource("/")
    URL base;

    @Inject
    TestRedis test;

    @BeforeEach
    void setUp() {
        given().get("/api/rooms/general").then().statusCode(200);
    }

    /** Creates a room (60 s clear interval, 120 s expiry) with the uploader in it and returns {id, ownerToken}. */
    String[] room(String name) {
        // a suffix of its own: test classes may share a key prefix, so names must not meet
        String unique = name + " " + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        var created = RoomCreateTest.post(RoomCreateTest.body(unique, 60, 120), TestRedis.freshAddress())
                .statusCode(201).extract();
        test.present(created.path("id"), TestRedis.UPLOADER);
        return new String[] { created.path("id"), created.path("ownerToken") };
    }

    static ValidatableResponse upload(String room, byte[] body, String contentType, String address) {
        return upload(room, body, contentType, address, TestRedis.UPLOADER_TOKEN);
    }

    static ValidatableResponse upload(String room, byte[] body, String contentType, String address, String token) {
        var request = given().header("X-Real-IP", address).contentType(contentType).body(body);
        if (token != null) {
            request.header("X-Identity-Token", token);
        }
        return request.post("/api/rooms/" + room + "/attachments").then();
    }

    /** Every key the upload could have written: the room's, and the address's rate counter. */
    private Map<String, String> traces(String room, String address) {
        Map<String, String> traces = new TreeMap<>(test.picture());
        traces.keySet().removeIf(key -> !key.contains("{" + room + "}") && !key.contains(":" + address + ":"));
        return traces;
    }

    static Stream<Arguments> images() {
        return Stream.of(Arguments.of("image/png", TestImages.png()), Arguments.of("image/jpeg", TestImages.jpeg()),
                Arguments.of("image/gif", TestImages.gif()), Arguments.of("image/webp", TestImages.webp()));
    }

    @ParameterizedTest
    @MethodSource("images")
    void anImageComesBackByteForByteWithTheTypeItsBytesSay(String type, byte[] image) {
        String room = room("Gallery")[0];
        // the client's declared type is a lie: only the bytes count
        var created = upload(room, image, "text/html", TestRedis.freshAddress()).statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", matchesPattern(room + "\\.[A-Za-z0-9_-]{22}"))
                .body("type", is(type))
                .body("size", is(image.length))
                .extract();
        String id = created.path("id");
        assertEquals(room, RedisKeys.roomOfAttachment(id));
        assertEquals("/api/attachments/" + id, created.path("url"));

        var served = given().get("/api/attachments/" + id).then().statusCode(200)
                .header("Content-Type", is(type))
                .header("X-Content-Type-Options", is("nosniff"))
                .header("Cache-Control", is("public, max-age=31536000, immutable"))
                .header("Content-Disposition", is("inline"))
                .extract();
        assertArrayEquals(image, served.asByteArray());

        // stored as the contract says: a hash of the type and the raw bytes, gone at the next clear
        String key = keys.attachment(room, id);
        assertEquals(type, redis.hash(String.class).hget(key, "type"));
        assertArrayEquals(image, redis.hash(byte[].class).hget(key, "data"));
        long pttl = redis.key().pttl(key);
        assertTrue(pttl > 0 && pttl <= 60_000, "expires at the next clear boundary (room: 120 s): " + pttl);
    }

    @Test
    void aMultipartFormUploadsItsFilePart() {
        String room = room("Forms")[0];
        byte[] png = TestImages.png();
        String id = given().header("X-Real-IP", TestRedis.freshAddress()).header("X-Identity-Token", TestRedis.UPLOADER_TOKEN)
                .multiPart("file", "cat.gif", png, "image/gif")
                .post("/api/rooms/" + room + "/attachments").then().statusCode(201)
                .body("type", is("image/png")).body("size", is(png.length)).extract().path("id");
        assertArrayEquals(png, given().get("/api/attachments/" + id).then().statusCode(200)
                .header("Content-Type", is("image/png")).extract().asByteArray());
    }

    @Test
    void aFormWithoutAFilePartIs400Json() {
        String room = room("Formless")[0];
        given().header("X-Real-IP", TestRedis.freshAddress()).header("X-Identity-Token", TestRedis.UPLOADER_TOKEN)
                .multiPart("note", "just text").post("/api/rooms/" + room + "/attachments").then().statusCode(400)
                .contentType(ContentType.JSON).body("error", matchesPattern(".*no file part.*"));
    }

    @Test
    void anImageOfExactlyTheLimitIsAccepted() {
        String room = room("Big")[0];
        upload(room, TestImages.pngOfSize(MAX_BYTES), "image/png", TestRedis.freshAddress()).statusCode(201)
                .body("size", is(MAX_BYTES));
    }

    @Test
    void textNamedPngIs415AndStoresNothing() {
        String room = room("Texts")[0];
        String address = TestRedis.freshAddress();
        Map<String, String> before = traces(room, address);
        given().header("X-Real-IP", address).header("X-Identity-Token", TestRedis.UPLOADER_TOKEN).multiPart("file", "evil.png", "<script>alert(1)</script>".getBytes(),
                "image/png").post("/api/rooms/" + room + "/attachments").then().statusCode(415)
                .contentType(ContentType.JSON).body("error", matchesPattern(".*PNG.*"));
        upload(room, "just text".getBytes(), "image/png", address).statusCode(415).contentType(ContentType.JSON);
        assertEquals(before, traces(room, address));
    }

    @Test
    void oneByteOverTheLimitIs413JsonAndStoresNothing() {
        String room = room("Too big")[0];
        String address = TestRedis.freshAddress();
        Map<String, String> before = traces(room, address);
        upload(room, TestImages.pngOfSize(MAX_BYTES + 1), "image/png", address).statusCode(413)
                .contentType(ContentType.JSON).body("error", matchesPattern(".*" + MAX_BYTES + ".*"));
        assertEquals(before, traces(room, address));
    }

    @Test
    void aBodyOverTheHttpLimitIs413JsonToo() throws Exception {
        String room = room("Way too big")[0];
        String address = TestRedis.freshAddress();
        Map<String, String> before = traces(room, address);
        // announced length: refused before the body is read
        upload(room, TestImages.pngOfSize(3 * MAX_BYTES / 2), "image/png", address).statusCode(413)
                .contentType(ContentType.JSON).body("error", matchesPattern(".+"));
        // no length announced (chunked): refused once too much has arrived
        HttpResponse<String> chunked = postChunked(room, TestImages.pngOfSize(3 * MAX_BYTES / 2), address);
        assertEquals(413, chunked.statusCode());
        assertEquals("application/json", chunked.headers().firstValue("Content-Type").orElse(""), chunked.body());
        assertTrue(chunked.body().startsWith("{\"error\":"), chunked.body());
        assertEquals(before, traces(room, address));
    }

    @Test
    void aChunkedUploadWithinTheLimitIsStoredWhole() throws Exception {
        String room = room("Chunks")[0];
        byte[] image = TestImages.pngOfSize(MAX_BYTES);
        HttpResponse<String> created = postChunked(room, image, TestRedis.freshAddress());
        assertEquals(201, created.statusCode(), created.body());
        String id = JsonPath.from(created.body()).getString("id");
        assertArrayEquals(image, given().get("/api/attachments/" + id).then().statusCode(200).extract().asByteArray());
    }

    /** Without Content-Length: the JDK client streams an InputStream body chunked. */
    private HttpResponse<String> postChunked(String room, byte[] body, String address) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create(base.toString()).resolve("api/rooms/" + room + "/attachments"))
                .header("X-Real-IP", address).header("Content-Type", "image/png")
                .header("X-Identity-Token", TestRedis.UPLOADER_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUploadNeedsAValidIdentityTokenOfAMemberOfTheRoom() {
        String room = room("Members only")[0];
        String address = TestRedis.freshAddress();
        Map<String, String> before = traces(room, address);
        upload(room, TestImages.png(), "image/png", address, null).statusCode(401).contentType(ContentType.JSON)
                .header("WWW-Authenticate", is("X-Identity-Token")).body("error", matchesPattern(".*identity token.*"));
        String forged = "x" + TestRedis.UPLOADER_TOKEN.substring(1);
        upload(room, TestImages.png(), "image/png", address, forged).statusCode(401);
        String stranger = TestRedis.token("u-stranger", "Stranger");
        upload(room, TestImages.png(), "image/png", address, stranger).statusCode(403).contentType(ContentType.JSON)
                .body("error", matchesPattern(".*member.*"));
        assertEquals(before, traces(room, address), "a refused upload stores nothing");
        test.present(room, "u-stranger");
        upload(room, TestImages.png(), "image/png", address, stranger).statusCode(201);
    }

    @Test
    void aRoomHoldsNoMoreImageBytesThanItsCapAnd507SaysSo() {
        String room = room("Full gallery")[0]; // the test profile's cap: 3 MiB a room
        upload(room, TestImages.pngOfSize(MAX_BYTES), "image/png", TestRedis.freshAddress()).statusCode(201);
        String address = TestRedis.freshAddress();
        Map<String, String> before = traces(room, address);
        upload(room, TestImages.pngOfSize(MAX_BYTES), "image/png", address).statusCode(507).contentType(ContentType.JSON)
                .body("error", matchesPattern("this room holds the most images it may \\(3145728 bytes\\).*"));
        assertEquals(before, traces(room, address));
        upload(room("Another room")[0], TestImages.pngOfSize(MAX_BYTES), "image/png", address).statusCode(201);
    }

    @Test
    void allRoomsTogetherHoldNoMoreThanTheTotalCapAndExpiredImagesStopCounting() {
        String room = room("Crowded")[0];
        String total = new dev.chat.contract.RegistryKeys(keys).attachmentBytesTotal();
        String before = redis.value(String.class).get(total);
        try {
            // the chat already holds all it may, but for 10 bytes
            redis.value(String.class).set(total, Long.toString(134_217_728L - 10));
            upload(room, TestImages.png(), "image/png", TestRedis.freshAddress()).statusCode(507)
                    .body("error", matchesPattern("the chat holds the most images it may.*"));
            // one of those images expired (its clear came): its bytes no longer count
            redis.hash(String.class).hset(new dev.chat.contract.RegistryKeys(keys).attachmentSizes(), "gone.AAAAAAAAAAAA", "1000000");
            redis.sortedSet(String.class).zadd(new dev.chat.contract.RegistryKeys(keys).attachmentExpiries(), 1, "gone.AAAAAAAAAAAA");
            upload(room, TestImages.png(), "image/png", TestRedis.freshAddress()).statusCode(201);
            assertEquals(134_217_728L - 10 - 1_000_000 + TestImages.png().length,
                    Long.parseLong(redis.value(String.class).get(total)));
        } finally {
            if (before == null) {
                redis.key().del(total);
            } else {
                redis.value(String.class).set(total, before);
            }
        }
    }

    @Test
    void anEmptyBodyIs400() {
        String room = room("Empty")[0];
        String address = TestRedis.freshAddress();
        Map<String, String> before = traces(room, address);
        upload(room, new byte[0], "image/png", address).statusCode(400).contentType(ContentType.JSON)
                .body("error", matchesPattern(".+"));
        assertEquals(before, traces(room, address));
    }

    @Test
    void anUnknownRoomIs404AndStoresNothing() {
        String address = TestRedis.freshAddress();
        Map<String, String> before = traces("nosuchroom", address);
        upload("nosuchroom", TestImages.png(), "image/png", address).statusCode(404).contentType(ContentType.JSON)
                .body("error", is("no such room: nosuchroom"));
        upload("Not_Valid", TestImages.png(), "image/png", address).statusCode(404).contentType(ContentType.JSON);
        assertEquals(before, traces("nosuchroom", address));
        assertTrue(test.picture().keySet().stream().noneMatch(key -> key.contains("Not_Valid")));
    }

    @Test
    void tooManyUploadsFromOneAddressAre429AndStoreNothing() {
        // The test profile allows 7 a minute; they and the refused one must fall in one window.
        await().atMost(Duration.ofSeconds(15)).until(() -> System.currentTimeMillis() % 60_000 < 45_000);
        String room = room("Busy")[0];
        String address = TestRedis.freshAddress();
        for (int i = 0; i < 7; i++) {
            upload(room, TestImages.gif(), "image/gif", address).statusCode(201);
        }
        Map<String, String> before = traces(room, address);
        String retryAfter = upload(room, TestImages.gif(), "image/gif", address).statusCode(429)
                .contentType(ContentType.JSON).body("error", matchesPattern(".+")).extract().header("Retry-After");
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 60, "Retry-After " + retryAfter);
        assertEquals(before, traces(room, address));
        // another address has a counter of its own
        upload(room, TestImages.gif(), "image/gif", TestRedis.freshAddress()).statusCode(201);
    }

    @Test
    void anAttachmentExpiresWithItsRoomWhenThatComesFirst() {
        // 60 s clear interval, 120 s expiry, but only 5 s of the room's life left
        String[] room = room("Short lived");
        redis.key().pexpire(keys.meta(room[0]), 5_000);
        try {
            String id = upload(room[0], TestImages.png(), "image/png", TestRedis.freshAddress()).statusCode(201)
                    .extract().path("id");
            long pttl = redis.key().pttl(keys.attachment(room[0], id));
            assertTrue(pttl > 0 && pttl <= 5_000, "expires with the room: " + pttl);
        } finally {
            // gone now rather than in the middle of another test class sharing the key prefix
            given().header("X-Owner-Token", room[1]).delete("/api/rooms/" + room[0]);
        }
    }

    @Test
    void unknownOrMalformedAttachmentsAre404Json() {
        String room = room("Nothing here")[0];
        for (String id : new String[] { room + ".AAAAAAAAAAAAAAAAAAAAAA", "nosuchroom.abcdefghij", "no-dot",
                room + ".short", "../../etc" }) {
            given().get("/api/attachments/" + id).then().statusCode(404).contentType(ContentType.JSON)
                    .body("error", matchesPattern(".+"));
        }
    }

    @Test
    void deletingTheRoomDeletesItsAttachments() {
        String[] room = room("Doomed gallery");
        String address = TestRedis.freshAddress();
        String first = upload(room[0], TestImages.png(), "image/png", address).statusCode(201).extract().path("id");
        String second = upload(room[0], TestImages.jpeg(), "image/jpeg", address).statusCode(201).extract().path("id");
        String other = upload(room("Survivor")[0], TestImages.gif(), "image/gif", address).statusCode(201)
                .extract().path("id");

        given().header("X-Owner-Token", room[1]).delete("/api/rooms/" + room[0]).then().statusCode(204);

        given().get("/api/attachments/" + first).then().statusCode(404);
        given().get("/api/attachments/" + second).then().statusCode(404);
        assertFalse(test.exists(keys.attachment(room[0], first)));
        assertFalse(test.exists(keys.attachment(room[0], second)));
        assertTrue(test.picture().keySet().stream().noneMatch(key -> key.contains("{" + room[0] + "}")),
                "no key of the room is left: " + test.picture().keySet());
        given().get("/api/attachments/" + other).then().statusCode(200);
    }
}
