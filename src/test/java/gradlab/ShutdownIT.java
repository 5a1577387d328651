package gradlab;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/**
 * The packaged server stopped as an instructor (or systemd, or a container runtime) stops it,
 * with SIGTERM: a run in progress ends with its summary saying "stopped", and the process
 * exits within seconds (after {@code package}, by the failsafe plugin).
 */
class ShutdownIT {
    private static final Path JAR = Path.of("target", "gradlab.jar");

    @Test
    void sigtermEndsARunningStreamWithAStoppedSummaryAndExits() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
        int port = freePort();
        Path log = Files.createTempFile("gradlab-server", ".log");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitListening(server, port, log);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream().write(("GET /api/train?data=spiral&n=4000&hidden=32,32&steps=5000 HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
                String status = in.readLine();
                assertTrue(status != null && status.startsWith("HTTP/1.1 200"), "the run was accepted: " + status);
                List<String> records = new ArrayList<>();
                String line;
                do {
                    line = in.readLine();
                    if (line != null && line.startsWith("{")) {
                        records.add(line);
                    }
                } while (line != null && !line.startsWith("{\"step\""));
                assertTrue(line != null, "a first step record before the stop: " + records);

                long signalled = System.nanoTime();
                server.destroy(); // SIGTERM on Linux and macOS
                for (String l; (l = in.readLine()) != null; ) {
                    if (l.startsWith("{")) {
                        records.add(l);
                    }
                }
                String last = records.get(records.size() - 1);
                JsonNode summary = new ObjectMapper().readTree(last).get("summary");
                assertTrue(summary != null, "the last line is the summary: " + last);
                assertEquals("stopped", summary.get("end").asText(), last);
                assertTrue(summary.get("steps").asInt() < 5000, "the run ended early: " + last);

                assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the process exited within 10 s of SIGTERM");
                long millis = (System.nanoTime() - signalled) / 1_000_000;
                System.out.println("ShutdownIT: exited " + millis + " ms after SIGTERM, status " + server.exitValue()
                        + ", " + records.size() + " records");
            }
        } finally {
            if (server.isAlive()) {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Waits until /health answers, failing with the server's log if it exits or takes over 30 s. */
    private static void awaitListening(Process server, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited with " + server.exitValue() + ":\n" + Files.readString(log));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(5_000);
                s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                        .getBytes(UTF_8));
                String status = new BufferedReader(new InputStreamReader(s.getInputStream(), UTF_8)).readLine();
                if (status != null && status.startsWith("HTTP/1.1 200")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not answer within 30 s:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }
}
