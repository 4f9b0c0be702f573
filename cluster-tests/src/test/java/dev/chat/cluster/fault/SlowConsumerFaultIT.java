package dev.chat.cluster.fault;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * Scenario 4: a client that never reads sits in a room that gets large messages. The node must
 * not queue for it without bound: once its outbound queue passes
 * {@code chat.limits.max-outbound-bytes} (1 MiB) the node cuts it off (close 1008), and the other
 * clients' delivery is not held up meanwhile.
 *
 * <p>The slow client is a bare socket straight to one node's port with a 4 KiB receive buffer
 * that does the upgrade, sends {@code join} and then reads nothing; whether the node closed it is
 * read from the kernel's TCP table ({@code /proc/net/tcp}) without reading a byte. Through nginx
 * the proxy's buffers would sit between the two and blur what the node does.
 */
class SlowConsumerFaultIT extends FaultCluster {

    private static final String PROMISE = "a client that never reads, in a room getting ~6 KB messages at 120/s, is "
            + "cut off by its node (connection closed by the server, close code 1008 if it reads again) within 20 s; "
            + "the other clients' send-to-receive p99 stays under 1 s and they lose nothing";

    /** 1 950 CJK characters: 3 bytes each in UTF-8, under the 2 000-character text limit. */
    private static final String LARGE = "\u754c".repeat(1950);

    @Test
    void clientThatNeverReadsIsCutOff() {
        clientThatNeverReadsIsCutOff("slow-consumer", "", "SlowConsumerFaultIT");
    }

    /** Also run on a Redis Cluster ({@link RedisClusterFaultIT}), on the cluster of the calling class. */
    void clientThatNeverReadsIsCutOff(String id, String titleSuffix, String testSelector) {
        Scenario s = Scenario.begin(id, "Slow consumer (never reads) in a busy room" + titleSuffix, PROMISE,
                testSelector);
        s.method("6 resuming clients (2 per node) each send a 1 950-character CJK message (a ~5.9 KB frame) every " +
                "50 ms; latency is send to receive, from a nanoTime stamp in the text; baseline from 1 s to 5 s; " +
                "then a raw socket with a 4 KiB receive buffer upgrades straight to a node's port, joins and " +
                "never reads; the node's side of that TCP connection is watched in /proc/net/tcp for up to 20 s, " +
                "then the load goes on 3 s and the socket is drained to see what the node had sent it.");
        try {
            run(s, id);
        } catch (Throwable e) {
            s.crashed(e);
        } finally {
            saveLogs(id);
        }
        s.verify();
    }

    private void run(Scenario s, String id) throws Exception {
        String room = ClusterState.createRoom(cluster, "fault slow");
        try (Fleet fleet = Fleet.spread(cluster, room, "s", 2)) {
            fleet.joinAll();
            fleet.startLoad("slow", Duration.ofMillis(50), LARGE, Duration.ofSeconds(40));
            long baselineFrom = System.nanoTime() + Duration.ofSeconds(1).toNanos(); // after warm-up
            fleet.awaitTraffic(Duration.ofSeconds(5));
            long baselineTo = System.nanoTime();

            String node = fleet.clients().get(0).node();
            int port = cluster.port(nodeName(node));
            s.figure("slowClientNode", nodeName(node));
            long joinedAt;
            long cutOffMs = -1;
            String serverState;
            Map<String, Object> drained = new TreeMap<>();
            try (RawWebSocket slow = RawWebSocket.open(port, "/ws", Map.of(), 4096)) {
                if (slow.status() != 101) {
                    throw new AssertionError("slow client's upgrade answered " + slow.status() + ": " + slow.responseHead());
                }
                slow.sendText("{\"type\":\"join\",\"room\":\"" + room + "\"}");
                joinedAt = System.nanoTime();
                long deadline = joinedAt + Duration.ofSeconds(20).toNanos();
                String[] state = { TcpState.of(port, slow.localPort()) };
                Fleet.until(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), Duration.ofMillis(20), () -> {
                    state[0] = TcpState.of(port, slow.localPort());
                    return !TcpState.ESTABLISHED.equals(state[0]);
                });
                serverState = state[0];
                if (!TcpState.ESTABLISHED.equals(serverState)) {
                    cutOffMs = (System.nanoTime() - joinedAt) / 1_000_000;
                }
                s.figure("serverSocketStateAfter", tcpStateName(serverState));
                // the others go on for 3 s with the slow client gone (or still there)
                fleet.awaitTraffic(Duration.ofSeconds(3));
                fleet.stopLoad();
                drained.putAll(drain(slow));
            }
            long slowTo = fleet.loadStoppedNanos();
            boolean quiet = fleet.awaitQuiet(Duration.ofSeconds(20));

            List<Double> without = new ArrayList<>();
            List<Double> with = new ArrayList<>();
            for (ResumingClient c : fleet.clients()) {
                without.addAll(c.latenciesMillis(baselineFrom, baselineTo));
                with.addAll(c.latenciesMillis(joinedAt, slowTo));
            }
            Map<String, List<Integer>> closeCodes = new TreeMap<>();
            fleet.clients().forEach(c -> {
                if (!c.closeCodes().isEmpty()) {
                    closeCodes.put(c.name(), c.closeCodes());
                }
            });
            double p99With = Fleet.percentile(with, 99);
            s.figure("cutOffAfterMs", cutOffMs);
            s.figure("slowClientDrain", drained);
            s.figure("latencyP50WithoutMs", Fleet.ms(Fleet.percentile(without, 50)));
            s.figure("latencyP99WithoutMs", Fleet.ms(Fleet.percentile(without, 99)));
            s.figure("latencyP50WithMs", Fleet.ms(Fleet.percentile(with, 50)));
            s.figure("latencyP99WithMs", Fleet.ms(p99With));
            s.figure("latencySamples", without.size() + "/" + with.size());
            s.figure("othersDisconnected", closeCodes);
            s.figure("quietAfterLoad", quiet);
            s.figure("errors", NodeKillFaultIT.errors(fleet));
            fleet.audit(id, ClusterState.storedIds(cluster, room)).report(s);

            Object code = drained.get("closeCode");
            s.check("cutOffWithin20s", cutOffMs >= 0, cutOffMs >= 0
                    ? "the node closed the connection " + cutOffMs + " ms after the join"
                    : "the node still holds the connection open (" + tcpStateName(serverState) + ") 20 s after the join"
                            + (code == null ? "" : "; reading it afterwards gave " + drained.get("bytes")
                                    + " bytes, then a close frame " + code + ": the node queued the close but did not end the connection"));
            s.check("closeCode1008", code == null || Integer.valueOf(1008).equals(code),
                    "close frame read after the cut-off: " + (code == null ? "none (the TCP connection just ended)" : code));
            s.check("othersNotHeldUp", p99With >= 0 && p99With < 1000, "others' p99 " + Fleet.ms(p99With)
                    + " ms with the slow client, " + Fleet.ms(Fleet.percentile(without, 99)) + " ms without");
            s.check("othersUndisturbed", closeCodes.isEmpty(), "other clients' disconnects: " + closeCodes);
        } finally {
            cluster.startMissing();
        }
    }

    /** Reads what the server had queued for the slow client (at most 10 s): bytes, frames, close code. */
    private static Map<String, Object> drain(RawWebSocket slow) {
        Map<String, Object> out = new TreeMap<>();
        long bytes = 0;
        int frames = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String end = "still open after 10 s";
        try {
            while (System.nanoTime() < deadline && frames < 100_000) {
                RawWebSocket.Frame frame = slow.read(2000);
                frames++;
                bytes += frame.payload().length;
                if (frame.opcode() == RawWebSocket.CLOSE) {
                    out.put("closeCode", frame.closeCode());
                    end = "close frame";
                    break;
                }
            }
        } catch (EOFException e) {
            end = "eof";
        } catch (SocketTimeoutException e) {
            end = "nothing more for 2 s, connection open";
        } catch (IOException e) {
            end = e.getMessage() != null && e.getMessage().contains("reset") ? "reset" : e.toString();
        }
        out.put("bytes", bytes);
        out.put("frames", frames);
        out.put("end", end.replace(' ', '_'));
        return out;
    }

    private static String tcpStateName(String hex) {
        return switch (hex) {
            case "01" -> "ESTABLISHED";
            case "04" -> "FIN_WAIT1";
            case "05" -> "FIN_WAIT2";
            case "06" -> "TIME_WAIT";
            case "07" -> "CLOSE";
            case "08" -> "CLOSE_WAIT";
            case "09" -> "LAST_ACK";
            case "0B" -> "CLOSING";
            default -> hex;
        };
    }
}
