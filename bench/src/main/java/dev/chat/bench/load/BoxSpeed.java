package dev.chat.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How fast the box is at what the scenarios spend their time on, measured just before the load:
 * a round trip over loopback (two sockets' system calls and a wake-up each way: what every
 * delivery costs the gateway, the node and the generator) and a page touched for the first
 * time. The bare broadcaster measured 77 to 95 ms p99 in bigroom one day and 238 to 899 ms on
 * another machine of the same kind, whose loopback round trip took 20 to 34 µs and each first
 * touch of a page 2.2 to 5 µs (against 14 to 18 µs and 1.4 to 1.8 µs on a machine where it
 * measured 91 to 93 ms, 2026-12-07): with these figures in every result, figures of two days
 * can be told apart from a change of the build.
 *
 * @param loopbackRoundTripMicros median of one-byte TCP round trips over 127.0.0.1
 * @param pageFaultMicros time per 4 KiB page to zero fresh memory (first touch: a page fault)
 */
record BoxSpeed(double loopbackRoundTripMicros, double pageFaultMicros) {

    private static final int ROUND_TRIPS = 2_000;
    private static final int FRESH_BYTES = 64 << 20;

    static BoxSpeed measure() throws IOException {
        return new BoxSpeed(loopbackRoundTrip(ROUND_TRIPS), pageFault(FRESH_BYTES));
    }

    Map<String, Object> toMap() {
        Map<String, Object> speed = new LinkedHashMap<>();
        speed.put("loopbackRoundTripMicros", ResultMap.round(loopbackRoundTripMicros, 1));
        speed.put("pageFaultMicros", ResultMap.round(pageFaultMicros, 2));
        return speed;
    }

    static double loopbackRoundTrip(int count) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    s.setTcpNoDelay(true);
                    int b;
                    while ((b = in.read()) >= 0) {
                        out.write(b);
                    }
                } catch (IOException e) {
                    // the measuring side closed or failed; it reports
                }
            }, "box-speed-echo");
            echo.setDaemon(true);
            echo.start();
            long[] micros = new long[count];
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                s.setTcpNoDelay(true);
                s.setSoTimeout(5_000);
                for (int i = 0; i < count; i++) {
                    long start = System.nanoTime();
                    out.write(1);
                    if (in.read() < 0) {
                        throw new IOException("the echo closed");
                    }
                    micros[i] = (System.nanoTime() - start) / 1_000;
                }
            }
            Arrays.sort(micros);
            return micros[count / 2];
        }
    }

    /** Zeroing a fresh direct buffer touches each of its pages for the first time. */
    static double pageFault(int bytes) {
        long start = System.nanoTime();
        ByteBuffer.allocateDirect(bytes);
        return (System.nanoTime() - start) / 1e3 / (bytes / 4096.0);
    }
}
