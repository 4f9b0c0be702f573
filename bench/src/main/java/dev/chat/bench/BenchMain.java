package dev.chat.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chat.bench.load.Coordinator;
import dev.chat.bench.load.Plan;
import dev.chat.bench.load.RoomSetup;
import dev.chat.bench.load.Summary;
import dev.chat.bench.load.Worker;
import dev.chat.bench.report.Report;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark's command line: {@code load} runs one scenario against a running cluster,
 * {@code report} turns results into tables, charts and docs/performance.md; {@code worker} is
 * what {@code load} starts in each generator process; {@code profile} summarises a JFR recording
 * of a node.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = { BenchMain.Load.class,
        BenchMain.WorkerCommand.class, BenchMain.ReportCommand.class, BenchMain.ProfileCommand.class },
        description = "Load generator and report for the chat (see bench/README.md).")
public final class BenchMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Runs one scenario against the cluster behind --url and prints its figures.")
    static final class Load implements Callable<Integer> {

        @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "the gateway (default ${DEFAULT-VALUE})")
        URI url;
        @Option(names = "--conns", defaultValue = "300", description = "WebSocket connections (default ${DEFAULT-VALUE})")
        int conns;
        @Option(names = "--rooms", defaultValue = "1", description = "rooms; connection i joins room i %% rooms (default ${DEFAULT-VALUE}: General)")
        int rooms;
        @Option(names = "--senders", defaultValue = "30", description = "connections that send (default ${DEFAULT-VALUE})")
        int senders;
        @Option(names = "--rate", defaultValue = "20", description = "messages per second per sender (default ${DEFAULT-VALUE})")
        double rate;
        @Option(names = "--size", defaultValue = "100", description = "text length in bytes (default ${DEFAULT-VALUE})")
        int size;
        @Option(names = "--warmup", defaultValue = "5", description = "seconds sent before measuring (default ${DEFAULT-VALUE})")
        double warmup;
        @Option(names = "--duration", defaultValue = "20", description = "seconds measured (default ${DEFAULT-VALUE})")
        double duration;
        @Option(names = "--connect-rate", defaultValue = "500", description = "new connections per second (default ${DEFAULT-VALUE})")
        double connectRate;
        @Option(names = "--join-timeout", defaultValue = "15", description = "seconds from open to joined before a connection counts as failed (default ${DEFAULT-VALUE})")
        double joinTimeout;
        @Option(names = "--create-rooms", description = "create the rooms through POST /api/rooms (else --room-ids, else General)")
        boolean createRooms;
        @Option(names = "--room-ids", split = ",", description = "existing room ids to use")
        List<String> roomIds;
        @Option(names = "--client-id", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "sends carry a clientId, as the page's do (default ${DEFAULT-VALUE})")
        boolean clientIds;
        @Option(names = "--storm", description = "at the start of measuring, every non-sender drops its socket and resumes with since")
        boolean storm;
        @Option(names = "--storm-jitter", defaultValue = "500", description = "storm: each client comes back after a random delay below this many ms, as the page's first reconnect does (default ${DEFAULT-VALUE}; 0: all at once)")
        long stormJitter;
        @Option(names = "--storm-rehearsals", defaultValue = "0", description = "storm: the same storm this many times in the warm-up, unmeasured, 2 s in and then every 20 s (give it a warm-up long enough to end in; default ${DEFAULT-VALUE})")
        int stormRehearsals;
        @Option(names = "--ramp-steps", defaultValue = "0", description = "ramp: steps of --step-seconds, each --ramp-factor times the last rate")
        int rampSteps;
        @Option(names = "--ramp-factor", defaultValue = "1.25")
        double rampFactor;
        @Option(names = "--step-seconds", defaultValue = "8")
        double stepSeconds;
        @Option(names = "--ramp-threshold-ms", defaultValue = "100", description = "ramp stops at the first step whose p99 is above this")
        double rampThresholdMs;
        @Option(names = "--workers", defaultValue = "0", description = "generator processes (default: one per 8000 connections)")
        int workers;
        @Option(names = "--loops", defaultValue = "2", description = "event loops per generator process (default ${DEFAULT-VALUE})")
        int loops;
        @Option(names = "--worker-heap", defaultValue = "3g", description = "heap of each generator process (default ${DEFAULT-VALUE})")
        String workerHeap;
        @Option(names = "--worker-jvm-option", description = "more JVM options for the generator processes")
        List<String> workerJvmOptions = new java.util.ArrayList<>();
        @Option(names = "--cluster-dir", description = "state directory of deploy/local/cluster: the server processes to sample")
        Path clusterDir;
        @Option(names = "--heap", description = "live heap and RSS per connection on each chat node (jcmd, full GC) before and after connecting")
        boolean heap;
        @Option(names = "--scenario", defaultValue = "custom")
        String scenario;
        @Option(names = "--label", defaultValue = "")
        String label;
        @Option(names = "--meta", description = "key=value added to the result's machine description (versions, commit)")
        Map<String, String> meta = new LinkedHashMap<>();
        @Option(names = "--out", description = "write the result as JSON here")
        Path out;
        @Option(names = "--fail-on-loss", description = "exit 1 when anything was lost, duplicated or never joined")
        boolean failOnLoss;

        @Override
        public Integer call() throws Exception {
            if (conns < 1 || senders < 0 || senders > conns || rooms < 1 || rate <= 0 || size < 40 || connectRate <= 0) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "need conns >= 1, 0 <= senders <= conns, rooms >= 1, rate > 0, size >= 40, connect-rate > 0");
            }
            String runId = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 45), 36);
            List<String> ids;
            if (createRooms) {
                ids = new RoomSetup(url).create(runId, rooms);
            } else if (roomIds != null && !roomIds.isEmpty()) {
                ids = roomIds;
            } else if (rooms == 1) {
                ids = List.of("general");
            } else {
                throw new CommandLine.ParameterException(new CommandLine(this), "--rooms > 1 needs --create-rooms or --room-ids");
            }
            String ws = (url.getScheme().equals("https") ? "wss" : "ws") + "://" + url.getAuthority() + "/ws";
            Plan plan = new Plan(runId, ws, conns, ids, senders, rate, size, clientIds, (long) (warmup * 1e6),
                    (long) (duration * 1e6), connectRate, (long) (joinTimeout * 1000), storm, stormJitter, stormRehearsals, rampSteps, rampFactor,
                    (long) (stepSeconds * 1e6), ThreadLocalRandom.current().nextInt(1_000_000));
            int processes = workers > 0 ? workers : Math.max(1, (conns + 7_999) / 8_000);
            List<String> jvm = new java.util.ArrayList<>(List.of("-Xms" + workerHeap, "-Xmx" + workerHeap,
                    "-XX:+UseParallelGC"));
            jvm.addAll(workerJvmOptions);
            var result = new Coordinator(plan, new Coordinator.Settings(scenario, label, processes, loops, jvm,
                    clusterDir, heap, rampThresholdMs, meta, out)).run();
            System.out.println(Summary.line(result));
            return failOnLoss && !Summary.clean(result) ? 1 : 0;
        }
    }

    @Command(name = "worker", hidden = true, description = "one generator process (started by load)")
    static final class WorkerCommand implements Callable<Integer> {

        private static final java.util.logging.Logger QUIET = java.util.logging.Logger
                .getLogger("io.vertx.core.net.impl.ConnectionBase");

        @Option(names = "--plan", required = true)
        String plan;
        @Option(names = "--index", required = true)
        int index;
        @Option(names = "--workers", required = true)
        int workers;
        @Option(names = "--loops", defaultValue = "2")
        int loops;

        @Override
        public Integer call() throws Exception {
            // a refused or reset connection is counted by the generator; Vert.x would also log each one
            QUIET.setLevel(java.util.logging.Level.OFF);
            Plan parsed = new ObjectMapper().readValue(plan, Plan.class);
            new Worker(parsed, index, workers, loops, System.out)
                    .run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Tables, charts and docs/performance.md from a folder of results.")
    static final class ReportCommand implements Callable<Integer> {

        @Option(names = "--after", required = true, description = "folder of this run's <scenario>.json")
        Path after;
        @Option(names = "--before", description = "folder of an earlier run to compare with")
        Path before;
        @Option(names = "--doc", description = "the document to write (e.g. docs/performance.md)")
        Path doc;

        @Override
        public Integer call() throws Exception {
            System.out.println(Report.write(after, before, doc));
            return 0;
        }
    }


    @Command(name = "profile", mixinStandardHelpOptions = true,
            description = "Summarises a JFR recording of a node: where the CPU goes, as markdown.")
    static final class ProfileCommand implements Callable<Integer> {
        @Option(names = "--jfr", required = true, description = "the recording")
        Path jfr;
        @Option(names = "--out", required = true, description = "the markdown file to write")
        Path out;
        @Option(names = "--title", defaultValue = "Profile", description = "what was recorded")
        String title;
        @Option(names = "--rows", defaultValue = "15", description = "rows of the method tables (default ${DEFAULT-VALUE})")
        int rows;

        @Override
        public Integer call() throws Exception {
            var profile = dev.chat.bench.profile.CpuProfile.read(jfr);
            java.nio.file.Files.writeString(out, profile.markdown(title, rows));
            System.out.println("[bench] profile: " + profile.samples() + " samples -> " + out);
            return 0;
        }
    }
}
