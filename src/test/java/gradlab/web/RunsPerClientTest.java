package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;

/**
 * The audit's attack, on loopback: one client opening stream after stream to hold the whole
 * training line. Each browser (its cookie) and each script without cookies (its address) has
 * at most --runs-per-client runs waiting or running; beyond them it is told so, and every other
 * student trains at once; the places come back however the runs end.
 */
class RunsPerClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, gradlab.view.LessonText::html);
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** A run that would take minutes; each step is short, so a cancelled run stops at once. */
    private static final String ENDLESS = "data=spiral&n=1000&hidden=16&steps=5000";
    private static final String SHORT = "data=line&steps=2";

    private Server server;
    private final List<StreamLog> streams = new ArrayList<>();

    /** Four slots and the default of three runs a client: one client alone cannot take every slot. */
    private void start(int maxRuns, int queue) {
        Settings settings = Settings.defaults().withPort(0).withRuns(maxRuns, queue);
        assertEquals(3, settings.runsPerClient(), "the default");
        server = Server.create(settings, LESSONS).start(0);
    }

    @AfterEach
    void stop() throws IOException {
        for (StreamLog s : streams) {
            s.abort();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void oneBrowserIsRefusedBeyondItsRunsAndAnotherTrainsAtOnce() throws Exception {
        start(4, 100);
        String a = StreamLog.browser(0xa);
        for (int i = 0; i < 3; i++) {
            events(ENDLESS + "&seed=" + i, a).await(RunsPerClientTest::isRow, WAIT, "a first row of A's run " + i);
        }

        // A's fourth stream: one event in the page's words, then the stream ends
        StreamLog fourth = events(ENDLESS, a);
        fourth.awaitEnd(WAIT);
        List<StreamLog.Event> refused = fourth.events();
        assertEquals(1, refused.size(), "one event, then the stream ends: " + refused);
        assertEquals("done", refused.get(0).name());
        assertTrue(refused.get(0).data().contains("You already have 3 training runs waiting or running: stop one, or "
                + "wait for one to end") && refused.get(0).data().contains("Try again"), refused.get(0).data());

        // and from the API: 429, the reason as JSON, a time to come back
        RawHttp.Response api = RawHttp.get(server.port(), "/api/train?" + SHORT, a);
        assertEquals(429, api.status(), api.statusLine());
        assertTrue(api.header("Retry-After") != null && api.header("Retry-After").matches("[1-9][0-9]*"),
                "Retry-After: " + api.header("Retry-After"));
        assertTrue(api.contentType().startsWith("application/json"), api.contentType());
        assertTrue(JSON.readTree(api.text()).get("error").asText().contains("You already have 3 training runs"), api.text());
        assertEquals(3, server.running(), "the refused runs took no slot");

        // another student trains at once: the fourth slot is free, no place in line
        RawHttp.Response b = RawHttp.get(server.port(), "/api/train?" + SHORT, StreamLog.browser(0xb));
        assertEquals(200, b.status(), b.statusLine());
        assertFalse(b.text().contains("\"queued\""), "B never waited: " + b.text());
        assertTrue(b.text().contains("\"end\":\"completed\""), b.text());

        // A closes its tabs: its places come back, and it trains again
        for (StreamLog s : streams) {
            s.close();
        }
        awaitNoRunsHeld();
        StreamLog again = events(SHORT, a);
        again.awaitEnd(WAIT);
        assertTrue(again.events().stream().anyMatch(e -> e.name().equals("summary")), "A's new run ran: " + again.events());
    }

    @Test
    void aScriptWithoutCookiesIsCountedByItsAddress() throws Exception {
        start(4, 100);
        for (int i = 0; i < 3; i++) {
            train(ENDLESS + "&seed=" + i).await(RunsPerClientTest::isStep, WAIT, "a first step of run " + i);
        }
        // every request without the cookie is given a new one; it must not count as a new client
        for (int i = 0; i < 5; i++) {
            RawHttp.Response r = RawHttp.get(server.port(), "/api/train?" + SHORT);
            assertEquals(429, r.status(), r.statusLine() + " " + r.text());
        }
        StreamLog sse = events(SHORT);
        sse.awaitEnd(WAIT);
        assertTrue(sse.events().get(0).data().contains("You already have 3 training runs"), sse.events().toString());
        assertEquals(3, server.running());
        assertEquals(3, server.clientRuns().held());
        assertEquals(1, server.clientRuns().clients(), "one client: the address");
    }

    @Test
    void everyWayARunEndsGivesItsPlaceBack() throws Exception {
        start(2, 4);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        for (int i = 0; i < 200; i++) {
            int seed = i;
            clients.execute(() -> {
                // six students' browsers, and runs that end every way: to the end as NDJSON, CSV or
                // events, dropped by the client while they run or wait, refused by a full line
                String browser = StreamLog.browser(seed % 6);
                try {
                    switch (seed % 4) {
                        case 0 -> expect(RawHttp.get(server.port(), "/api/train?" + SHORT + "&seed=" + seed, browser),
                                failures);
                        case 1 -> expect(RawHttp.get(server.port(), "/api/train?format=csv&" + SHORT + "&seed=" + seed,
                                browser), failures);
                        case 2 -> expect(RawHttp.get(server.port(), "/lab/train?" + SHORT + "&seed=" + seed,
                                "Accept: text/event-stream", browser), failures);
                        default -> {
                            try (StreamLog s = StreamLog.train(server.port(), ENDLESS + "&seed=" + seed, browser)) {
                                s.await(l -> !l.isBlank(), WAIT, "a first line");
                                s.abort();
                            }
                        }
                    }
                } catch (Exception | AssertionError e) {
                    failures.add(seed + ": " + e);
                }
            });
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "the clients finished");
        assertTrue(failures.isEmpty(), failures.size() + " requests went wrong: " + failures.stream().limit(5).toList());
        awaitNoRunsHeld();
        assertEquals(0, server.clientRuns().clients(), "no client is remembered without a run");
    }

    // ------------------------------------------------------------------ helpers

    /** A run to its end, or one refused because the line was full or its browser had its runs: never anything else. */
    private static void expect(RawHttp.Response r, ConcurrentLinkedQueue<String> failures) {
        boolean ran = r.status() == 200 && (r.text().contains("\"end\":\"completed\"") || r.text().contains("summary")
                || r.text().lines().count() == 4 || r.text().contains("busy") || r.text().contains("You already have"));
        boolean refused = (r.status() == 503 || r.status() == 429) && r.header("Retry-After") != null;
        if (!ran && !refused) {
            failures.add(r.statusLine() + " " + r.text());
        }
    }

    private void awaitNoRunsHeld() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.clientRuns().held() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.clientRuns().held(), "every run's place came back");
    }

    private StreamLog events(String query, String... headers) throws IOException {
        StreamLog s = StreamLog.events(server.port(), query, headers);
        streams.add(s);
        return s;
    }

    private StreamLog train(String query) throws IOException {
        StreamLog s = StreamLog.train(server.port(), query);
        streams.add(s);
        return s;
    }

    private static boolean isRow(String line) {
        return line.startsWith("event: row") || line.startsWith("event:row");
    }

    private static boolean isStep(String line) {
        return line.startsWith("{\"step\"");
    }
}
