package dev.chat.bench.load;

import java.util.List;

/**
 * What a run does, shared by the coordinator and every worker so that both compute the same
 * timeline from one start instant: which connection joins which room, who sends, at what rate
 * and when, and which part of the run is measured.
 *
 * @param runId marks this run's texts so that other traffic is ignored
 * @param roomIds the rooms, connection {@code i} joins {@code roomIds[i % rooms]}
 * @param senders connections {@code 0..senders-1} send; sender {@code s} is in room {@code s % rooms}
 * @param rate messages per second per sender (the first ramp step's rate)
 * @param addressOffset where this run's loopback source addresses start (random per run, so that
 *     the TIME_WAIT sockets of the last run do not crowd this one's ports)
 * @param stormJitterMillis storm: each dropped client comes back after a delay drawn uniformly from
 *     {@code [0, stormJitterMillis)}, as the page does (its first reconnect backoff, frontend
 *     js/backoff.js); 0: all at once
 * @param stormRehearsals storm: the same storm this many times in the warm-up, unmeasured, 2 s after
 *     its start and then every {@link #REHEARSAL_SPACING_MICROS}, so that the servers and this
 *     generator have compiled its paths before the measured one
 * @param rampSteps 0 for a steady run; otherwise the measured part is this many steps of
 *     {@code stepMicros}, step {@code k} at {@code rate * rampFactor^k}
 */
public record Plan(String runId, String wsUrl, int conns, List<String> roomIds, int senders, double rate, int size,
        boolean clientIds, long warmupMicros, long durationMicros, double connectRate, long joinTimeoutMillis,
        boolean storm, long stormJitterMillis, int stormRehearsals, int rampSteps, double rampFactor, long stepMicros, int addressOffset) {

    public static final long REHEARSAL_SPACING_MICROS = 20_000_000;

    /** When rehearsal {@code k} (from 0) drops the clients, relative to the start of the warm-up. */
    public long rehearsalAtMicros(int k) {
        return Math.min(2_000_000, warmupMicros / 4) + k * REHEARSAL_SPACING_MICROS;
    }

    public int rooms() {
        return roomIds.size();
    }

    public int roomOf(int conn) {
        return conn % rooms();
    }

    public boolean isSender(int conn) {
        return conn < senders;
    }

    /** The sender's position among the senders of its room. */
    public int slotOf(int sender) {
        return sender / rooms();
    }

    public int sendersIn(int room) {
        return room >= senders ? 0 : (senders - room + rooms() - 1) / rooms();
    }

    /** What the send schedule asks for at {@code rate} per sender: sends times the members planned per room. */
    public double offeredPerSecond(double rate) {
        double offered = 0;
        for (int r = 0; r < rooms(); r++) {
            offered += sendersIn(r) * rate * membersPlanned(r);
        }
        return offered;
    }

    /** Connections planned into a room. */
    public long membersPlanned(int room) {
        return room >= conns ? 0 : (conns - room + rooms() - 1) / rooms();
    }

    /** Length of the measured part: the ramp's steps, or the duration. */
    public long measuredMicros() {
        return rampSteps > 0 ? rampSteps * stepMicros : durationMicros;
    }

    /** Ramp step of a due time relative to the start of measuring; -1 before it. */
    public int stepAt(long sinceMeasureMicros) {
        if (rampSteps == 0 || sinceMeasureMicros < 0) {
            return -1;
        }
        return (int) Math.min(rampSteps - 1, sinceMeasureMicros / stepMicros);
    }

    /** Messages per second per sender at a time relative to the start of measuring. */
    public double rateAt(long sinceMeasureMicros) {
        int step = stepAt(sinceMeasureMicros);
        return step <= 0 ? rate : rate * Math.pow(rampFactor, step);
    }
}
