package dev.chat.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The generator's worker JVMs, started by the coordinator with the same class path, and their
 * line protocol ({@link Worker}) turned into a queue of lines the coordinator reads with
 * deadlines. Closing it kills what is still running, so a run never leaves a generator behind.
 */
final class WorkerProcesses implements AutoCloseable {

    /** A line one worker printed; {@code text} null when its output ended. */
    record Line(int worker, String text) {
    }

    private final List<Process> processes = new ArrayList<>();
    private final List<PrintWriter> inputs = new ArrayList<>();
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();

    WorkerProcesses(int count, List<String> jvmOptions, List<String> workerArgs) throws IOException {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < count; i++) {
            List<String> command = new ArrayList<>(List.of(javaBin));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.chat.bench.BenchMain", "worker",
                    "--index", Integer.toString(i), "--workers", Integer.toString(count)));
            command.addAll(workerArgs);
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            processes.add(process);
            inputs.add(new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8));
            int index = i;
            Thread reader = new Thread(() -> read(index, process), "worker-" + i + "-reader");
            reader.setDaemon(true);
            reader.start();
        }
    }

    private void read(int index, Process process) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(new Line(index, line));
            }
        } catch (IOException e) {
            // the process died: reported as the end of its output
        }
        lines.add(new Line(index, null));
    }

    int size() {
        return processes.size();
    }

    void tellAll(String command) {
        for (PrintWriter input : inputs) {
            input.println(command);
        }
    }

    /** The next line, or null when none came within {@code millis}. */
    Line next(long millis) throws InterruptedException {
        return lines.poll(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
