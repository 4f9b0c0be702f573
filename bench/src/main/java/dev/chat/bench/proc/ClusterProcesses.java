package dev.chat.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The processes of a local cluster started by {@code deploy/local/cluster up}, found from its
 * state directory ({@code pids/NAME.pid}); nginx's workers are the master's children.
 */
public final class ClusterProcesses {

    private ClusterProcesses() {
    }

    public static List<ServerProcess> in(Path clusterDir) throws IOException {
        List<ServerProcess> found = new ArrayList<>();
        Path pids = clusterDir.resolve("pids");
        if (!Files.isDirectory(pids)) {
            throw new IOException("no cluster in " + clusterDir + " (no pids/): start one with deploy/local/cluster up");
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                long pid = Long.parseLong(Files.readString(file).trim());
                List<Long> all = new ArrayList<>(List.of(pid));
                if (name.equals("gateway")) {
                    all.addAll(childrenOf(pid));
                }
                found.add(new ServerProcess(name, ServerProcess.kindOf(name), all));
            }
        }
        found.sort(Comparator.comparing(ServerProcess::name, ClusterProcesses::byNameThenNumber));
        return found;
    }

    static List<Long> childrenOf(long parent) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(pid -> ProcStat.parentOf(pid) == parent).sorted().toList();
        }
    }

    /** chat-node-2 before chat-node-10. */
    static int byNameThenNumber(String a, String b) {
        String pa = a.replaceAll("\\d+$", ""), pb = b.replaceAll("\\d+$", "");
        if (!pa.equals(pb) || a.equals(pa) || b.equals(pb)) {
            return a.compareTo(b);
        }
        return Long.compare(Long.parseLong(a.substring(pa.length())), Long.parseLong(b.substring(pb.length())));
    }
}
