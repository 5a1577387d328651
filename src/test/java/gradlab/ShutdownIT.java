package gradlab;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /**
     * More runs than cores, each with steps of seconds on a busy machine: SIGTERM still ends
     * every stream at once with its stopped summary (an event stream then with "done"),
     * without waiting for the runs' next steps or drawing final charts, and the log stays clean.
     */
    @Test
    void sigtermWithTwentyRunsOnFewCoresEndsEveryStreamWithItsStoppedSummaryAtOnce() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
        int runs = 20;
        int port = freePort();
        Path log = Files.createTempFile("gradlab-server", ".log");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "--port", Integer.toString(port), "--max-runs", Integer.toString(runs))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ExecutorService readers = Executors.newFixedThreadPool(runs);
        List<Socket> sockets = new ArrayList<>();
        try {
            awaitListening(server, port, log);
            List<Future<String>> streams = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                // half of them large enough that a step takes seconds with 20 runs on a few cores
                String query = (i % 4 < 2 ? "data=spiral&n=4000&hidden=32,32" : "data=spiral&n=10000&hidden=64,64,64,64")
                        + "&steps=5000&seed=" + (i + 1);
                boolean sse = i % 2 == 0;
                Socket socket = new Socket("127.0.0.1", port);
                sockets.add(socket);
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(("GET " + (sse ? "/lab/train?" : "/api/train?") + query + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\n" + (sse ? "Accept: text/event-stream\r\n" : "")
                        // twenty students, each its own browser (a client may hold only a few runs)
                        + "Cookie: gradlab_client=" + Integer.toHexString(i + 1) + "\r\n"
                        + "Connection: close\r\n\r\n").getBytes(UTF_8));
                streams.add(readers.submit(() -> new String(socket.getInputStream().readAllBytes(), UTF_8)));
            }
            awaitRunning(port, runs);
            Thread.sleep(1_000); // the smaller runs have records by now

            long signalled = System.nanoTime();
            server.destroy(); // SIGTERM on Linux and macOS
            // about 2 s on an idle 2-core machine; the bound leaves room for a machine shared with other work
            assertTrue(server.waitFor(8, TimeUnit.SECONDS), "the process exited within 8 s of SIGTERM");
            long millis = (System.nanoTime() - signalled) / 1_000_000;

            for (int i = 0; i < runs; i++) {
                String body = streams.get(i).get(10, TimeUnit.SECONDS);
                if (i % 2 == 0) {
                    int summary = body.indexOf("event: summary");
                    assertTrue(summary >= 0 && body.indexOf("Stopped after", summary) > summary,
                            "event stream " + i + " got its stopped summary:\n" + tail(body));
                    assertTrue(body.indexOf("event: done", summary) > summary, "then done:\n" + tail(body));
                } else {
                    List<String> records = body.lines().filter(l -> l.startsWith("{")).toList();
                    assertTrue(!records.isEmpty(), "stream " + i + " got a line:\n" + tail(body));
                    String last = records.get(records.size() - 1);
                    JsonNode summary = new ObjectMapper().readTree(last).get("summary");
                    assertTrue(summary != null, "stream " + i + "'s last line is the summary: " + last);
                    assertEquals("stopped", summary.get("end").asText(), last);
                }
            }
            String text = Files.readString(log);
            for (String bad : List.of("failed", "Exception", "ERROR", "\tat ")) {
                assertFalse(text.contains(bad), "a clean stop logs no \"" + bad + "\":\n" + text);
            }
            System.out.println("ShutdownIT: " + runs + " runs, exited " + millis + " ms after SIGTERM, status "
                    + server.exitValue());
        } finally {
            readers.shutdownNow();
            for (Socket s : sockets) {
                s.close();
            }
            if (server.isAlive()) {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        }
    }

    private static String tail(String body) {
        return body.substring(Math.max(0, body.length() - 2_000));
    }

    /** Waits until /health says that {@code runs} runs are running, failing after 15 s. */
    private static void awaitRunning(int port, int runs) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        String health = "";
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(5_000);
                s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                        .getBytes(UTF_8));
                health = new String(s.getInputStream().readAllBytes(), UTF_8);
            }
            if (health.contains("\"running\":" + runs + ",")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not " + runs + " runs running within 15 s: " + health);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** Waits until /health answers, failing with the server's log if it exits or takes over 90 s (its warm-up included). */
    private static void awaitListening(Process server, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
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
                throw new AssertionError("the server did not answer within 90 s:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }
}
