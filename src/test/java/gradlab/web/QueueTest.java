package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.view.LessonText;

/**
 * The training queue as a class meets it: runs beyond max-runs wait their turn in the order
 * they came and are told their place; a run whose client leaves while it waits never starts;
 * a full queue says "busy" at once; comparisons never wait behind training.
 */
class QueueTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A run that would take minutes: only ever cancelled (each step still takes milliseconds). */
    private static final String ENDLESS = "data=spiral&n=4000&hidden=32,32&steps=5000";
    /** The shape of the runs whose length a test chooses: {@link #runOfAbout} picks n and steps. */
    private static final String SHAPE = "data=spiral&hidden=32,32";
    private static final int SHAPE_N = 2000;

    private Server server;
    private double secondsPerStep;
    private RunningSampler sampler;
    private final List<StreamLog> streams = new ArrayList<>();

    private Server start(int maxRuns, int queueLength) {
        // runs here are sized by time, not by work: on a fast machine ten seconds of training is more
        // work than a class's budget allows one run
        Settings settings = Settings.defaults().withPort(0).withRuns(maxRuns, queueLength)
                .with(b -> b.limits = b.limits.withTrainWorkBudget(1L << 50));
        server = Server.create(settings, LESSONS).start(0);
        sampler = new RunningSampler(server);
        return server;
    }

    /**
     * Every client leaves, and the server is idle again before it stops (a run still waiting
     * when the server stops would hold its request until Jetty interrupts it).
     */
    @AfterEach
    void stop() throws Exception {
        for (StreamLog s : streams) {
            s.abort();
        }
        if (sampler != null) {
            sampler.stop();
        }
        if (server != null) {
            try {
                long deadline = System.nanoTime() + 5_000_000_000L;
                while ((server.running() > 0 || health().get("queued").asInt() > 0) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(0, server.running(), "every run ended once its client left");
                assertEquals(0, health().get("queued").asInt(), "every place in line was freed once its client left");
            } finally {
                server.stop();
            }
        }
    }

    /** Each stream a test opens is another student's browser, with its own client cookie. */
    private StreamLog train(String query) throws IOException {
        StreamLog s = StreamLog.train(server.port(), query, StreamLog.browser(streams.size() + 1));
        streams.add(s);
        return s;
    }

    private StreamLog events(String query) throws IOException {
        StreamLog s = StreamLog.events(server.port(), query, StreamLog.browser(streams.size() + 1));
        streams.add(s);
        return s;
    }

    @Test
    void runsBeyondMaxRunsFinishInTheOrderTheyCameAndTheWaitingOnesSeeTheirPlace() throws Exception {
        start(1, 10);
        // A runs about ten seconds (timed on this server), so that B and C are surely in line behind it
        String longer = runOfAbout(10);
        String shorter = runOfAbout(0.6);
        StreamLog a = train(longer + "&seed=1");
        a.await(QueueTest::isStep, WAIT, "a first step from A");
        StreamLog b = train(shorter + "&seed=2");
        awaitQueued(1, a);
        StreamLog c = train(shorter + "&seed=3");
        awaitQueued(2, a);

        for (StreamLog s : List.of(a, b, c)) {
            s.awaitEnd(Duration.ofSeconds(60));
            assertEquals(200, s.status());
            assertEquals("completed", summary(s).get("end").asText(), "every run completes");
        }
        assertEquals(1, sampler.max(), "never more than max-runs = 1 running at once");

        long aEnd = summaryLine(a).nanos();
        long bEnd = summaryLine(b).nanos();
        long cEnd = summaryLine(c).nanos();
        // one slot, and each run takes a second or more: the order of the ends is the order of the runs
        assertTrue(aEnd < bEnd && bEnd < cEnd, "summaries in the order the runs were started");

        assertTrue(queued(a).isEmpty(), "A started at once: " + queued(a));
        assertFalse(queued(b).isEmpty(), "B was told its place while it waited");
        assertTrue(queued(b).stream().allMatch(k -> k == 0), "B waited first in line: " + queued(b));
        List<Integer> cPlaces = queued(c);
        assertTrue(cPlaces.contains(1) && cPlaces.stream().allMatch(k -> k == 0 || k == 1),
                "C waited behind B (and then, if B took over a second, was next): " + cPlaces);
        for (int i = 1; i < cPlaces.size(); i++) {
            assertTrue(cPlaces.get(i) <= cPlaces.get(i - 1), "a place in line only moves forward: " + cPlaces);
        }
        for (StreamLog s : List.of(b, c)) {
            List<String> lines = s.texts();
            int firstRecord = lines.indexOf(firstStep(s).text());
            assertTrue(lines.subList(firstRecord, lines.size()).stream().noneMatch(l -> l.startsWith("{\"queued\"")),
                    "places in line come only before the first record");
        }
    }

    @Test
    void waitingEventStreamsAreToldHowManyRunsAreAheadAndRunInTurn() throws Exception {
        start(1, 10);
        // B runs long enough for C to be told, more than a second after B began, that it is next
        String longer = runOfAbout(10);
        StreamLog a = train(ENDLESS);
        a.await(QueueTest::isStep, WAIT, "a first step from A");
        StreamLog b = events(longer);
        awaitQueued(1, a);
        StreamLog c = events("data=xor&hidden=4&loss=bce&steps=50");
        awaitQueued(2, a);
        b.await(l -> l.contains("you are next"), WAIT, "a queued event saying B is next");
        c.await(l -> l.contains("1 run ahead of you"), WAIT, "a queued event saying one run is ahead of C");

        // A's client leaves: B runs (for seconds), then C
        a.abort();
        b.awaitEnd(Duration.ofSeconds(60));
        c.awaitEnd(WAIT);
        for (StreamLog s : List.of(b, c)) {
            List<String> names = s.events().stream().map(StreamLog.Event::name).toList();
            assertEquals("queued", names.get(0), "a waiting stream starts with its place: " + names);
            assertEquals(List.of("summary", "done"), names.subList(names.size() - 2, names.size()), names.toString());
            assertTrue(s.events().stream().filter(e -> e.name().equals("queued"))
                    .allMatch(e -> e.data().contains("ahead") || e.data().contains("you are next")), "queued says where");
            assertTrue(s.events().stream().dropWhile(e -> e.name().equals("queued")).noneMatch(e -> e.name().equals("queued")),
                    "no place in line once the run has begun: " + names);
        }
        // C was still told it was next a second after B had begun, so B ran first
        long bFirstRow = event(b, "row").nanos();
        assertTrue(c.events().stream().anyMatch(e -> e.name().equals("queued") && e.data().contains("you are next")
                && e.nanos() > bFirstRow), "C waited, next in line, while B ran");
        assertEquals(1, sampler.max(), "never more than max-runs = 1 running at once");
    }

    @Test
    void aQueuedRunWhoseClientLeavesNeverStarts() throws Exception {
        start(1, 10);
        StreamLog a = train(ENDLESS);
        a.await(QueueTest::isStep, WAIT, "a first step from A");
        StreamLog b = train(ENDLESS + "&seed=2");
        awaitQueued(1, a);

        // B's client goes away (a reset, as from a killed tab) while its run waits
        b.abort();
        long dropped = System.nanoTime();
        awaitQueued(0, a);
        long millis = (System.nanoTime() - dropped) / 1_000_000;
        assertTrue(millis <= 2_000, "the place in line was freed " + millis + " ms after the client left");
        assertEquals(1, server.running(), "A still runs");
        assertFalse(a.ended(), "A still streams");

        // A ends (its client leaves too): the slot is free, and nothing takes it
        a.close();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (server.running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, server.running(), "nothing runs once A is done: B never started");
        assertEquals(0, health().get("queued").asInt());
        assertEquals(1, sampler.max(), "never more than one run at once");
    }

    @Test
    void aFullQueueAnswersBusyAtOnce() throws Exception {
        start(1, 1);
        StreamLog a = train(ENDLESS);
        a.await(QueueTest::isStep, WAIT, "a first step from A");
        StreamLog b = train(ENDLESS);
        awaitQueued(1, a);

        RawHttp.Response api = RawHttp.get(server.port(), "/api/train?data=line&steps=5");
        assertEquals(503, api.status(), api.statusLine());
        String retry = api.header("Retry-After");
        assertTrue(retry != null && retry.matches("[1-9][0-9]*"), "Retry-After in seconds: " + retry);
        assertTrue(api.contentType().startsWith("application/json"), api.contentType());
        String error = JSON.readTree(api.text()).get("error").asText();
        assertTrue(error.contains("busy"), error);

        StreamLog c = events("data=line&steps=5");
        c.awaitEnd(WAIT);
        List<StreamLog.Event> events = c.events();
        assertEquals(1, events.size(), "one event, then the stream ends: " + events);
        assertEquals("done", events.get(0).name());
        assertTrue(events.get(0).data().contains("busy") && events.get(0).data().contains("Try again"),
                events.get(0).data());

        assertEquals(1, server.running());
        assertEquals(1, health().get("queued").asInt(), "the refused runs took no place in line");
        assertFalse(a.ended() || b.ended(), "the runs in the slot and in line go on");
    }

    @Test
    void comparisonsAnswerWhileEveryTrainingSlotIsTaken() throws Exception {
        start(2, 10);
        StreamLog a = train(ENDLESS);
        StreamLog b = train(ENDLESS + "&seed=2");
        a.await(QueueTest::isStep, WAIT, "a first step from A");
        b.await(QueueTest::isStep, WAIT, "a first step from B");
        StreamLog waiting = train(ENDLESS + "&seed=3");
        awaitQueued(1, a);

        for (String target : List.of("/api/compare?data=xor&hidden=8&loss=bce", "/api/compare?data=spiral&n=400&hidden=16,16",
                "/lab?data=circles&hidden=4", "/lab/landscape?data=line")) {
            assertEquals(2, server.running(), "both slots are taken");
            RawHttp.Response r = RawHttp.get(server.port(), target);
            assertEquals(200, r.status(), target + ": " + r.statusLine());
            assertEquals(2, server.running(), "and still taken when " + target + " answered");
            assertFalse(a.ended() || b.ended() || waiting.ended(), target + " answered before any training run ended");
        }
        assertEquals(1, health().get("queued").asInt());
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The query of a run that takes about {@code seconds} on this server as it runs now: its
     * steps come from a timed run of the same shape (after one that warms up), so the test
     * holds however fast the engine and the machine are. While the steps stay below 500 each
     * one is recorded, as in the timed run; a faster engine gets more examples instead.
     */
    private String runOfAbout(double seconds) throws Exception {
        if (secondsPerStep == 0) {
            secondsPerStep = timedStep();
        }
        long steps = Math.max(1, Math.round(seconds / secondsPerStep));
        int n = SHAPE_N;
        if (steps > 499) {
            n = (int) Math.min(10_000, Math.round(SHAPE_N * steps / 499.0));
            steps = Math.min(5_000, Math.max(1, Math.round(seconds / (secondsPerStep * n / SHAPE_N))));
        }
        return SHAPE + "&n=" + n + "&steps=" + steps;
    }

    /**
     * The seconds one step of the shape takes: timed over the second half of a run of 160
     * steps, when the code has warmed up (each of those steps is recorded).
     */
    private double timedStep() throws Exception {
        try (StreamLog timed = train(SHAPE + "&n=" + SHAPE_N + "&steps=160")) {
            timed.awaitEnd(WAIT);
            assertEquals(200, timed.status());
            long[] at = new long[161];
            for (StreamLog.Line l : timed.lines()) {
                if (isStep(l.text())) {
                    at[JSON.readTree(l.text()).get("step").asInt()] = l.nanos();
                }
            }
            assertTrue(at[80] > 0 && at[160] > 0, "the timed run recorded every step");
            return (at[160] - at[80]) / 80 / 1e9;
        } finally {
            streams.removeIf(StreamLog::ended);
        }
    }

    private static boolean isStep(String line) {
        return line.startsWith("{\"step\"");
    }

    private static StreamLog.Line firstStep(StreamLog s) throws InterruptedException {
        return s.await(QueueTest::isStep, Duration.ZERO, "step record");
    }

    private static StreamLog.Line summaryLine(StreamLog s) throws InterruptedException {
        return s.await(l -> l.startsWith("{\"summary\""), Duration.ZERO, "summary");
    }

    private static JsonNode summary(StreamLog s) throws Exception {
        return JSON.readTree(summaryLine(s).text()).get("summary");
    }

    private static List<Integer> queued(StreamLog s) throws IOException {
        List<Integer> places = new ArrayList<>();
        for (String l : s.texts()) {
            if (l.startsWith("{\"queued\"")) {
                places.add(JSON.readTree(l).get("queued").asInt());
            }
        }
        return places;
    }

    private static StreamLog.Event event(StreamLog s, String name) {
        return s.events().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " event"));
    }

    private JsonNode health() throws IOException {
        RawHttp.Response r = RawHttp.get(server.port(), "/health");
        assertEquals(200, r.status());
        return JSON.readTree(r.text());
    }

    /**
     * Waits until /health counts {@code k} runs in line. The run in the slot must still be
     * running meanwhile: if it ended, the runs behind it may have run already, and the
     * test's premise is gone (said so at once, rather than after a timeout).
     */
    private void awaitQueued(int k, StreamLog running) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int queued;
        while ((queued = health().get("queued").asInt()) != k) {
            if (running.ended()) {
                throw new AssertionError("the run in the slot ended before " + k + " waited behind it (a run of "
                        + String.format(java.util.Locale.ROOT, "%.1f", secondsPerStep * 1000) + " ms a step)");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/health queued stayed " + queued + ", not " + k);
            }
            Thread.sleep(5);
        }
    }

    /** Watches server.running() every few milliseconds and keeps the largest value seen. */
    static final class RunningSampler {
        private final AtomicInteger max = new AtomicInteger();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final Thread thread;

        RunningSampler(Server server) {
            thread = new Thread(() -> {
                while (!stopped.get()) {
                    max.accumulateAndGet(server.running(), Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "running-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        int max() {
            return max.get();
        }

        void stop() {
            stopped.set(true);
            thread.interrupt();
        }
    }
}
