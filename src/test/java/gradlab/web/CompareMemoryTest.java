package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Comparison;
import gradlab.lab.ComparisonMemory;
import gradlab.lab.LabData;
import gradlab.lab.LabSpec;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.lab.Uploads;

/**
 * The audit's second attack, on loopback: many clients asking at once for the largest
 * comparison a server allows, which together would hold more heap than it has. With a budget
 * for one landscape (set through the settings, so the test does not depend on this JVM's heap),
 * every request is answered 200 or refused 503 with a time to come back, never 500, and the
 * budget is whole again afterwards.
 */
class CompareMemoryTest {
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, gradlab.view.LessonText::html);
    /** n × parameters = 4.4·10⁷, within the default work limit: a lab any student may ask for. */
    private static final String LARGEST = "data=spiral&n=10000&hidden=64,64";
    private static final int CLIENTS = 12;

    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void manyLargeComparisonsAtOnceAreAnsweredOrRefusedWithATimeToComeBack() throws Exception {
        LabSpec spec = LabSpec.parse(LARGEST, Limits.DEFAULT, Uploads.NONE);
        long landscape = ComparisonMemory.bytes(spec, Comparison.model(spec, LabData.load(spec, Uploads.NONE)),
                ComparisonMemory.Extent.LANDSCAPE);
        server = Server.create(Settings.defaults().withPort(0).with(b -> b.compareMemory = landscape), LESSONS).start(0);
        List<String> targets = List.of("/lab/landscape?" + LARGEST, "/api/compare?" + LARGEST, "/lab?" + LARGEST,
                "/lab/chart/landscape?" + LARGEST);

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RawHttp.Response>> answers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String target = targets.get(i % targets.size()) + "&seed=" + i;
            String browser = StreamLog.browser(i);
            answers.add(clients.submit(() -> {
                go.await();
                return RawHttp.get(server.port(), target, browser);
            }));
        }
        go.countDown();
        int answered = 0;
        int refused = 0;
        for (int i = 0; i < CLIENTS; i++) {
            RawHttp.Response r = answers.get(i).get(60, TimeUnit.SECONDS);
            String what = targets.get(i % targets.size()) + ": " + r.statusLine();
            assertTrue(r.status() == 200 || r.status() == 503, what + " " + r.text());
            assertFalse(r.text().contains("Exception") || r.text().contains("\tat "), what + ": no stack trace");
            if (r.status() == 503) {
                refused++;
                String retry = r.header("Retry-After");
                assertTrue(retry != null && retry.matches("[1-9][0-9]*"), what + ": Retry-After " + retry);
                assertTrue(r.text().contains("other large comparisons"), what + ": " + r.text());
            } else {
                answered++;
            }
        }
        clients.shutdown();
        assertTrue(answered >= 1, "the budget holds one landscape: at least one was answered");
        assertTrue(refused >= 1, "the budget holds one landscape, not " + CLIENTS + " comparisons at once: "
                + answered + " answered, none refused");
        assertEquals(0, server.compareMemory().held(), "every request gave its memory back");

        // the budget is whole again: the next student's large comparison is answered
        RawHttp.Response later = RawHttp.get(server.port(), "/api/compare?" + LARGEST);
        assertEquals(200, later.status(), later.statusLine());
        System.out.println("CompareMemoryTest: " + answered + " answered, " + refused + " refused, budget "
                + (landscape >> 20) + " MiB");
    }

    @Test
    void aComparisonAboveTheWorkLimitIsRefusedAndHoldsNoMemory() throws Exception {
        server = Server.create(Settings.defaults().withPort(0).with(b -> b.compareMemory = 1L << 20), LESSONS).start(0);
        RawHttp.Response r = RawHttp.get(server.port(), "/api/compare?data=spiral&n=10000&hidden=64,64,64");
        assertEquals(422, r.status(), r.statusLine() + " " + r.text());
        assertTrue(r.text().contains("above this server's limit"), r.text());
        assertEquals(0, server.compareMemory().held());
    }
}
