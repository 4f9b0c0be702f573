package dev.chat.bench.report;

/**
 * The fixed prose of the performance document: how to measure again and what every column
 * means. Kept apart from the code that lays out figures so the wording can be reviewed as text.
 */
final class ReadingGuide {

    static final String REPRODUCE = """
            ## How to reproduce

            From the repository root, on an otherwise idle machine:

            ```
            bench/run               # every scenario; results in bench/results/after/, then this page
            bench/run --quick       # shorter runs: a smoke test, figures not comparable with full runs
            bench/run c300 idle     # only the scenarios named
            ```

            Each scenario writes `<scenario>.json` to the results folder; this page, `summary.md` and
            the charts are generated from those files. When an earlier run's results are given as the
            *before* folder, a before / after table compares every scenario present in both.
            """;

    /** Followed by the link's target. */
    static final String SCALING_LINK = "What these figures mean for more chat nodes, Redis shards and up to a million "
            + "connections, and which resource runs out first: [scaling.md]";

    static final String COLUMNS = """
            ## What the columns mean

            - **scenario**: `c300`, `c1000`, `c3000` are steady chat load with that many connections;
              `ramp` raises the send rate step by step until latency passes a threshold; `idle` holds
              many quiet connections to measure what one costs; `storm` drops every client at once and
              times how fast they all rejoin; `bigroom` puts many members in one room. The exact load
              of each is in *Load applied*.
            - **conns joined/attempted**: connections that joined their room, of those attempted.
            - **offered deliveries/s**: what the send schedule asks for: messages sent per second times
              the members of the room who should receive each one.
            - **delivered/s**: deliveries actually received per second over the measured period
              (after warm-up). Below *offered*, the system (or the generator) did not keep up.
            - **lost / dup / reordered**: expected deliveries never received, received more than once,
              received out of order. All should be 0.
            - **p50, p99, p99.9, max ms**: time from send to receipt by each member, in milliseconds,
              over the measured deliveries (the generator's clock for both ends).
            - **nodes CPU %**: CPU time of all chat nodes over wall time of the measured period,
              summed; 100 % is one core busy. **Redis CPU %** and **nginx CPU %** likewise.
            - **deliveries per CPU-s (nodes+Redis)**: deliveries per second of CPU used by the chat
              nodes and Redis together: the efficiency figure, comparable between runs on one machine.
            - **generator CPU %, generator loop lag p99 ms**: the load generator's own CPU and how late
              its event loop ran. High values mean the generator, not the server, set the limit; such a
              scenario is flagged as saturated.
            - **notes**: the figure that matters for a special scenario (storm: time until all are
              back; idle: memory per connection; ramp: the last rate whose latency stayed under the
              threshold), and flags for saturation and warnings.
            - **–**: not measured in that scenario.
            """;

    private ReadingGuide() {
    }
}
