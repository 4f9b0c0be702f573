package dev.chat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chat.testing.WsClient;

/**
 * The terminal client ({@code cli/chat}, the packaged jar) in a real pseudo-terminal (tmux)
 * against a two-node cluster, talking with a WebSocket client that sits on the other node:
 * history and {@code /more}, who is here ({@code /who}), messages both ways, hostile escape
 * sequences shown harmlessly, a room created, joined and left, the identity kept between runs, a
 * node restart resumed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TerminalClientIT {

    private static final String TIME = "\\[\\d\\d:\\d\\d\\] ";
    private static LocalCluster cluster;
    private static Path root;

    @BeforeAll
    static void up() {
        root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(root.resolve("cli/target/chat-cli.jar")),
                "cli/target/chat-cli.jar is not built: run mvn package (or verify) from the repository root");
        // a join shows the 3 newest messages, so /more has older ones to fetch over REST
        cluster = LocalCluster.start(2, Map.of("CHAT_HISTORY_SIZE", "3", "CHAT_ROOMS_CLEAR_INTERVALS", "30s,60s",
                "CHAT_ROOMS_EXPIRIES", "60s,120s"));
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** {@code cli/chat} in a terminal, with a config folder of its own (where it keeps the identity). */
    private static Tmux terminal(Path config) {
        String command = "env XDG_CONFIG_HOME='" + config + "' SKIP_BUILD=1 '" + root.resolve("cli/chat") + "' --url "
                + cluster.http("");
        return Tmux.start(cluster.dir().resolve("tmux-" + UUID.randomUUID().toString().substring(0, 8)), command);
    }

    /** The chat node the terminal is connected through, as {@code /who} says. */
    private static String nodeOf(Tmux cli) {
        long before = cli.count("through chat node");
        cli.type("/who");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cli.count("through chat node") > before);
        var m = Pattern.compile("through chat node (node-\\d+)\\)$", Pattern.MULTILINE).matcher(cli.screen());
        String node = null;
        while (m.find()) {
            node = m.group(1);
        }
        return node;
    }

    /** A WebSocket client on a node other than {@code node}. */
    private static WsClient elsewhere(String node) {
        for (int i = 0; i < 8; i++) {
            WsClient client = cluster.connect();
            if (!client.next("welcome").get("node").asText().equals(node)) {
                return client;
            }
            client.close();
        }
        throw new AssertionError("no connection landed on a node other than " + node);
    }

    private static String name(WsClient client) {
        return client.seen("welcome").get(0).get("user").get("name").asText();
    }

    @Test
    @Order(1)
    void aTerminalUserChatsWithASocketOnAnotherNodeSwitchesRoomsAndPagesBack() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        try (WsClient early = cluster.connect()) {
            early.next("welcome");
            early.join("general");
            early.next("joined");
            for (int i = 0; i < 5; i++) {
                early.say("early " + tag + " " + i);
            }
            early.next("message", m -> m.get("text").asText().equals("early " + tag + " 4"));
        }
        try (Tmux cli = terminal(cluster.dir().resolve("config-a"))) {
            String me = cli.await("^-- connected as (.+)$").group(1);
            cli.await("^== General · \\d+ online · clears every 5 min \\(next in \\d+:\\d\\d\\) ==$");
            cli.await(TIME + ".+: early " + tag + " 4$");
            assertEquals(0, cli.count("early " + tag + " [01]$"), "a join shows the 3 newest only");

            cli.type("/more");
            cli.await("^-- 2 older messages of General:$");
            cli.await(TIME + ".+: early " + tag + " 0$");

            try (WsClient page = elsewhere(nodeOf(cli))) {
                String other = name(page);
                page.join("general");
                page.next("joined");
                cli.await(TIME + "\\* " + Pattern.quote(other) + " joined$");
                // /who lists the room from its roster frames (changes come once a second): ask until the page is there
                Pattern here = Pattern.compile("^-- here: " + Pattern.quote(me) + " \\(you\\), (.+, )?" + Pattern.quote(other)
                        + "(, .+)?( and \\d+ more)?$", Pattern.MULTILINE);
                Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    cli.type("/who");
                    return here.matcher(cli.screen()).find();
                });

                page.say("from the page " + tag);
                cli.await("^" + TIME + Pattern.quote(other) + ": from the page " + tag + "$");
                cli.type("from the terminal " + tag);
                JsonNode fromTerminal = page.next("message", m -> m.get("text").asText().equals("from the terminal " + tag));
                assertEquals(me, fromTerminal.get("user").get("name").asText());

                // a hostile user's escape sequences (clear screen, colour) are refused by the node; what it lets
                // through (a line break to forge a line, a bidi override) is shown harmlessly
                page.say("\u001b[2J\u001b[31mred " + tag);
                assertEquals("bad_request", page.next("error").get("code").asText());
                page.say("red " + tag + "\n[12:00] Forged: x\u202e");
                cli.await("^" + TIME + Pattern.quote(other) + ": red " + tag + "$");
                cli.await("^ +\\[12:00\\] Forged: x\uFFFD$");
                cli.await("^" + TIME + Pattern.quote(other) + ": from the page " + tag + "$", Duration.ofSeconds(1));

                cli.type("/create Terminal " + tag + " 30s 60s");
                String room = cli.await("^-- created Terminal " + tag + " \\(([a-z2-7]{10})\\): clears every 30 s, "
                        + "expires after minute without activity$").group(1);
                cli.await("^== Terminal " + tag + " · 1 online · clears every 30 s \\(next in 0:\\d\\d\\) ==$");
                page.join(room);
                page.next("joined", j -> j.get("room").asText().equals(room));
                page.say("in the new room " + tag);
                cli.await("^" + TIME + Pattern.quote(other) + ": in the new room " + tag + "$");

                // the room list is cached for a second by the gateway: ask until the new room is listed
                Pattern listed = Pattern.compile("^ \\* Terminal " + tag + " +" + room + " +\\d+ online   clears in 0:\\d\\d"
                        + "   expires in \\d:\\d\\d$", Pattern.MULTILINE);
                Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1500)).until(() -> {
                    cli.type("/rooms");
                    return listed.matcher(cli.screen()).find();
                });
                cli.await("^   General +general +\\d+ online   clears in \\d:\\d\\d$");

                cli.type("/join general");
                cli.await("^== General · \\d+ online", Duration.ofSeconds(5));
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cli.count("^== General · ") == 2);
                page.say("left behind " + tag);
                page.next("message", m -> m.get("text").asText().equals("left behind " + tag));
                page.join("general");
                page.next("joined", j -> j.get("room").asText().equals("general"));
                page.say("back in general " + tag);
                cli.await("^" + TIME + Pattern.quote(other) + ": back in general " + tag + "$");
                assertEquals(0, cli.count("left behind " + tag + "$"), "nothing of the room it left");

                cli.type("/join nowhere-room");
                cli.await("^!! no room named \"nowhere-room\" \\(/rooms lists them\\)$");
                cli.type("/frobnicate now");
                cli.await("^!! unknown command /frobnicate \\(try /help\\)$");
                assertFalse(cli.screen().contains("Exception"), cli.screen());
            }
        }
    }

    @Test
    @Order(2)
    void theNameIsKeptBetweenRunsAndANodeRestartIsResumed() throws Exception {
        Path config = cluster.dir().resolve("config-b");
        String me;
        try (Tmux first = terminal(config)) {
            me = first.await("^-- connected as (.+)$").group(1);
            first.type("/quit");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !first.running());
        }
        assertTrue(Files.readString(config.resolve("chat/identity.properties")).contains(cluster.http("").toString()
                .replace(":", "\\:")), "the token is kept for this server");

        try (Tmux cli = terminal(config)) {
            cli.await("^-- connected as " + Pattern.quote(me) + "$");
            cli.await("^== General ");
            String node = nodeOf(cli);
            try (WsClient page = elsewhere(node)) {
                page.join("general");
                page.next("joined");
                // the node drains (1012): the terminal goes to the other node at once and joins again
                cluster.stop("chat-" + node);
                cli.await("^-- the server is restarting; trying again in 0.0 s$");
                cli.await("^-- reconnected as " + Pattern.quote(me) + "$");
                String text = "after the restart " + UUID.randomUUID();
                page.say(text);
                cli.await(TIME + Pattern.quote(name(page)) + ": " + text + "$");
                cli.type("still here " + text);
                page.next("message", m -> m.get("text").asText().equals("still here " + text));
                assertEquals(1, cli.count(": " + text + "$"), "shown once");
            }
        }
    }
}
