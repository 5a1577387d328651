package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;

/**
 * How the server meets a class arriving at once. The count of requests being answered, which
 * the training runs read to leave the pages a processor, rises for each request and falls back
 * to zero after every kind of answer (or the runs would keep a processor free for nobody); and
 * the kernel holds a whole class's connections until they are accepted.
 */
class AnsweringTest {
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, gradlab.view.LessonText::html);
    private static Server server;

    @BeforeAll
    static void start() {
        server = Server.create(Settings.defaults().withPort(0).withRuns(1, 10), LESSONS).start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void everyKindOfAnswerEndsItsCount() throws Exception {
        int port = server.port();
        List<String> targets = List.of("/", "/lab", "/lab?lr=-1", "/api/compare?data=xor&hidden=4", "/api/compare?n=0",
                "/lesson/" + LESSONS.all().get(0).id(), "/lesson/nothing", "/nowhere", "/health", "/upload",
                "/static/gradlab.css", "/webjars/htmx.org/2.0.10/dist/htmx.min.js", "/procedures.css",
                "/api/train?steps=3", "/lab/landscape", "/lab/chart/bars");
        for (String target : targets) {
            RawHttp.get(port, target);
            RawHttp.send(port, RawHttp.request("HEAD", target, List.of(), null), 30_000);
            RawHttp.send(port, RawHttp.request("DELETE", target, List.of(), null), 30_000);
        }
        // a training stream read to its end, and one refused
        for (String target : List.of("/lab/train?steps=3", "/lab/train?steps=0")) {
            try (RawHttp.Stream s = RawHttp.sse(port, target)) {
                while (s.readLine() != null) {
                    // to its end
                }
            }
        }
        assertEquals(0, settled(), "no request is counted once every one is answered");
    }

    @Test
    void aRequestIsCountedWhileItIsAnswered() throws Exception {
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                most.accumulateAndGet(server.answering(), Math::max);
            }
        });
        watcher.start();
        // a comparison that takes a while to compute
        RawHttp.Response r = RawHttp.get(server.port(), "/api/compare?data=spiral&n=4000&hidden=64,64&loss=bce");
        watcher.interrupt();
        watcher.join();
        assertEquals(200, r.status());
        assertEquals(1, most.get(), "counted while it was computed");
        assertEquals(0, settled());
    }

    @Test
    void anOpenTrainingStreamIsNoPageBeingAnswered() throws Exception {
        // a stream is a run computing on the runs' processors, not a page: counted, it would keep a
        // processor from the runs for as long as any student's curve is drawing
        for (String target : List.of("/lab/train?data=spiral&n=2000&hidden=32,32&loss=bce&steps=5000",
                "/api/train?data=spiral&n=2000&hidden=32,32&loss=bce&steps=5000")) {
            try (RawHttp.Stream s = RawHttp.sse(server.port(), target)) {
                for (int i = 0; i < 3; i++) {
                    s.readLine();
                }
                int counted = settled();
                boolean open = server.running() == 1;
                assertEquals(0, counted, "an open stream is not counted: " + target);
                assertTrue(open, "its run was still going when it was counted: " + target);
            }
        }
    }

    @Test
    void theKernelHoldsAWholeClassOfConnectionsBeforeTheyAreAccepted() {
        var connectors = server.javalin().jettyServer().server().getConnectors();
        assertEquals(1, connectors.length, "one connector, ours");
        var connector = (org.eclipse.jetty.server.ServerConnector) connectors[0];
        assertEquals(Server.ACCEPT_QUEUE, connector.getAcceptQueueSize());
        assertEquals(server.port(), connector.getLocalPort(), "on the port asked for");
    }

    /** The count once it stops changing (an answer's last bytes may leave just before its after-handler runs). */
    private static int settled() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.answering() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return server.answering();
    }
}
