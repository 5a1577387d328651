package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.view.LessonText;

/**
 * Clients that go away: a classroom of browsers closing their tabs mid-run frees every slot
 * and every place in line within seconds, and hundreds of runs leave no threads behind.
 */
class DisconnectTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** A run that would take minutes; each step is short, so a cancelled run stops at once. */
    private static final String ENDLESS = "data=spiral&n=2000&hidden=32,32&steps=5000";

    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void fiftyStreamsDroppedMidRunFreeEverySlotAndPlaceWithinTwoSeconds() throws Exception {
        server = Server.create(Settings.defaults().withPort(0).withRuns(4, 100), LESSONS).start(0);
        List<StreamLog> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                // fifty browsers, each with its own client cookie
                streams.add(StreamLog.events(server.port(), ENDLESS + "&seed=" + i, StreamLog.browser(i)));
            }
            for (StreamLog s : streams) {
                s.await(l -> l.startsWith("event: row") || l.startsWith("event:row") || l.startsWith("event: queued")
                        || l.startsWith("event:queued"), Duration.ofSeconds(30), "a first row or place in line");
            }
            JsonNode busy = health();
            assertEquals(4, busy.get("running").asInt(), "max-runs streams run");
            assertEquals(46, busy.get("queued").asInt(), "the others wait");
            assertEquals(50, server.openStreams());
        } finally {
            // half close as a browser closing a tab does, half are reset as when a laptop's lid shuts
            for (int i = 0; i < streams.size(); i++) {
                if (i % 2 == 0) {
                    streams.get(i).close();
                } else {
                    streams.get(i).abort();
                }
            }
        }
        long lastDrop = System.nanoTime();
        long deadline = lastDrop + 2_000_000_000L;
        JsonNode h = health();
        while ((h.get("running").asInt() > 0 || h.get("queued").asInt() > 0 || server.openStreams() > 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
            h = health();
        }
        long millis = (System.nanoTime() - lastDrop) / 1_000_000;
        assertEquals(0, server.running(), "every run was freed, " + millis + " ms after the last drop");
        assertEquals(0, health().get("queued").asInt(), "every place in line was freed, " + millis + " ms after the last drop");
        assertEquals(0, server.openStreams(), "every stream was closed");
    }

    @Test
    void fiveHundredShortRunsLeaveNoThreadsBehind() throws Exception {
        server = Server.create(Settings.defaults().withPort(0).withRuns(2, 100), LESSONS).start(0);
        // warm up: the server's pools grow to what four clients need
        runs(100, 0);
        int before = settledThreads(Integer.MAX_VALUE);
        runs(250, 100);
        int middle = settledThreads(before + 10);
        runs(250, 350);
        int after = settledThreads(before + 10);
        assertTrue(middle <= before + 10 && after <= before + 10, "threads after 100, 350 and 600 runs: " + before
                + ", " + middle + ", " + after);
        assertEquals(0, server.running());
        assertEquals(0, health().get("queued").asInt());
        assertEquals(0, server.openStreams());
        System.out.println("DisconnectTest: threads after 100, 350 and 600 short runs: " + before + ", " + middle + ", " + after);
    }

    /** {@code count} short runs from four clients at once: NDJSON, CSV and event streams by turns; each must end well. */
    private void runs(int count, int first) throws Exception {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int i = first; i < first + count; i++) {
            int seed = i;
            clients.execute(() -> {
                String query = "data=line&steps=2&seed=" + seed;
                // each of the four threads is one browser
                String browser = StreamLog.browser(Thread.currentThread().getId());
                try {
                    switch (seed % 3) {
                        case 0 -> {
                            RawHttp.Response r = RawHttp.get(server.port(), "/api/train?" + query, browser);
                            if (r.status() != 200 || !r.text().contains("\"end\":\"completed\"")) {
                                failures.add(query + ": " + r.statusLine() + " " + r.text());
                            }
                        }
                        case 1 -> {
                            RawHttp.Response r = RawHttp.get(server.port(), "/api/train?format=csv&" + query, browser);
                            if (r.status() != 200 || r.text().lines().count() != 4) {
                                failures.add(query + " (csv): " + r.statusLine() + " " + r.text());
                            }
                        }
                        default -> {
                            RawHttp.Response r = RawHttp.get(server.port(), "/lab/train?" + query, "Accept: text/event-stream", browser);
                            if (r.status() != 200 || !r.text().contains("event: summary") && !r.text().contains("event:summary")) {
                                failures.add(query + " (sse): " + r.statusLine());
                            }
                        }
                    }
                } catch (IOException e) {
                    failures.add(query + ": " + e);
                }
            });
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "the runs finished");
        assertTrue(failures.isEmpty(), failures.size() + " runs went wrong: " + failures.stream().limit(5).toList());
    }

    /** The live thread count once it has settled at or below {@code atMost}; the last count seen after 5 s if it does not. */
    private static int settledThreads(int atMost) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        int previous = -1;
        int count = THREADS.getThreadCount();
        // settled: at or below the bound, and no thread ended in the last 100 ms
        while ((count > atMost || count != previous) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            previous = count;
            count = THREADS.getThreadCount();
        }
        return count;
    }

    private JsonNode health() throws IOException {
        return JSON.readTree(RawHttp.get(server.port(), "/health").text());
    }
}
