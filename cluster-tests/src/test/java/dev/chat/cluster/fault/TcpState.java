package dev.chat.cluster.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's view of one loopback TCP connection, read from {@code /proc/net/tcp} (and tcp6):
 * lets a test see that the server closed a connection without the client reading a byte.
 */
public final class TcpState {

    public static final String ESTABLISHED = "01";
    public static final String GONE = "gone";

    private TcpState() {
    }

    /**
     * State (hex, as in the kernel's table: 01 ESTABLISHED, 04 FIN_WAIT1, 07 CLOSE, ...) of the
     * socket whose local port is {@code localPort} and remote port {@code remotePort}, or
     * {@link #GONE} when there is none.
     */
    public static String of(int localPort, int remotePort) {
        String local = String.format(":%04X", localPort);
        String remote = String.format(":%04X", remotePort);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[1].endsWith(local) && f[2].endsWith(remote)) {
                        return f[3];
                    }
                }
            } catch (IOException e) {
                // no such table (no IPv6): look in the other
            }
        }
        return GONE;
    }
}
