package dev.chat.node.hub;

import java.util.ArrayList;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The work of one event loop, in arrival order: a message for a room is handed to each loop that
 * has members of it once (not once per member), and the loop then writes the same bytes to its
 * own members. Whatever queued up while the loop was busy runs in one go, and each socket written
 * to is flushed once at the end, so under load one system call carries several frames.
 * Sessions' delivery state is only touched from their loop's tasks, so no lock is held across a
 * fan-out.
 */
public final class LoopOutbox {

    private static final Map<Executor, LoopOutbox> OF_LOOP = new ConcurrentHashMap<>();
    /** Bounds one run, so a flood of tasks cannot hold the loop's other work back for long. */
    private static final int MAX_TASKS_PER_RUN = 4096;

    private final Executor loop;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    // touched only on the loop
    private final ArrayList<ClientSession> written = new ArrayList<>();
    private boolean running;

    private LoopOutbox(Executor loop) {
        this.loop = loop;
    }

    /** The outbox of an event loop (one per loop for the life of the process). */
    public static LoopOutbox of(Executor loop) {
        return OF_LOOP.computeIfAbsent(loop, LoopOutbox::new);
    }

    /** Queues a task for the loop; tasks run in the order they were posted. */
    public void post(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            loop.execute(this::run);
        }
    }

    /** Marks a session as written to in this run; it is flushed when the run ends. */
    void written(ClientSession session) {
        if (!session.written) {
            session.written = true;
            written.add(session);
        }
    }

    private void run() {
        if (running) {
            return; // an inline loop (unit tests) posting from inside a task: the outer run goes on
        }
        running = true;
        try {
            scheduled.set(false); // from here on a new post schedules another run
            Runnable task;
            int ran = 0;
            while (ran++ < MAX_TASKS_PER_RUN && (task = tasks.poll()) != null) {
                task.run();
            }
            for (int i = 0; i < written.size(); i++) {
                written.get(i).flushWritten();
            }
            written.clear();
        } finally {
            running = false;
        }
        // a post during the run may have found the flag still set (or an inline re-entry left it
        // set): clear it, and run again if anything is left
        scheduled.set(false);
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            loop.execute(this::run);
        }
    }
}
