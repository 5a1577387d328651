package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;

/**
 * The audit's HTTP details, on a raw socket (a client library hides HEAD): a method a route
 * does not serve is 405 with the methods it does in {@code Allow}, not 404; HEAD answers
 * what GET would — its status and headers, no body — and never starts a training run.
 */
class HttpMethodsTest {
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
    void aMethodARouteDoesNotServeIs405WithTheMethodsItDoes() throws Exception {
        record Case(String method, String target, String allow) {
        }
        for (Case c : List.of(new Case("POST", "/lab?data=xor", "GET, HEAD"),
                new Case("PUT", "/api/compare", "GET, HEAD"),
                new Case("DELETE", "/upload", "GET, POST, HEAD"),
                new Case("PATCH", "/lesson/" + LESSONS.all().get(0).id(), "GET, HEAD"),
                new Case("POST", "/lesson/" + LESSONS.all().get(0).id() + "/after", "GET, HEAD"),
                new Case("POST", "/lab/train?steps=5", "GET, HEAD"),
                new Case("OPTIONS", "/health", "GET, HEAD"))) {
            RawHttp.Response r = send(c.method(), c.target());
            String what = c.method() + " " + c.target();
            assertEquals(405, r.status(), what);
            assertEquals(c.allow(), r.header("Allow"), what);
            assertNotNull(r.header("Content-Security-Policy"), what + " keeps the security headers");
            assertEquals("nosniff", r.header("X-Content-Type-Options"), what);
            assertTrue(r.text().contains("this address answers " + c.allow() + " only"), what + ": " + r.text());
            assertFalse(r.text().contains("Exception") || r.text().contains("\tat "), what + ": no stack trace");
        }
        assertTrue(send("PUT", "/api/compare").contentType().startsWith("application/json"), "the API answers JSON");
        assertEquals(404, send("POST", "/nowhere").status(), "an unknown address is still not found");
        assertEquals(0, server.running(), "no run started");
    }

    @Test
    void headAnswersWhatGetWouldWithoutTheBody() throws Exception {
        String lesson = "/lesson/" + LESSONS.all().get(0).id();
        List<String> differ = new ArrayList<>();
        for (String target : List.of("/", lesson, "/lesson/no-such-lesson", lesson + "/after",
                lesson + "/after?question=mean-error.angleDegrees&value=45", lesson + "/after?question=x&value=1",
                "/lab?data=xor&hidden=4&loss=bce",
                "/lab?n=0", "/lab/run?data=xor", "/lab/run?n=0", "/lab/landscape?data=xor&hidden=2&loss=bce",
                "/lab/chart/bars?data=xor", "/lab/chart/bars?n=0", "/lab/chart/nope", "/api/compare?data=xor",
                "/api/compare?n=0", "/api/compare?data=xor&format=csv", "/api/train?n=0", "/health", "/upload",
                "/procedures.css")) {
            RawHttp.Response get = send("GET", target);
            RawHttp.Response head = send("HEAD", target);
            assertEquals(0, head.body().length, "HEAD " + target + " has no body");
            for (String header : List.of("Content-Type", "Content-Security-Policy", "X-Content-Type-Options",
                    "Cache-Control", "Allow")) {
                if (!java.util.Objects.equals(get.header(header), head.header(header))) {
                    differ.add(target + " " + header + ": GET " + get.header(header) + ", HEAD " + head.header(header));
                }
            }
            if (get.status() != head.status()) {
                differ.add(target + ": GET " + get.status() + ", HEAD " + head.status());
            }
        }
        assertTrue(differ.isEmpty(), "HEAD answers as GET does: " + differ);
    }

    @Test
    void headOnATrainingRouteStartsNoRun() throws Exception {
        // long enough to be seen running, were it started
        String spec = "?data=spiral&n=2000&hidden=32,32&loss=bce&steps=5000".replace(",", "%2C");
        RawHttp.Response api = send("HEAD", "/api/train" + spec);
        assertEquals(200, api.status());
        assertTrue(api.contentType().startsWith("application/x-ndjson"), api.contentType());
        assertEquals("no", api.header("X-Accel-Buffering"));
        RawHttp.Response sse = send("HEAD", "/lab/train" + spec, "Accept: text/event-stream");
        assertEquals(200, sse.status());
        assertTrue(sse.contentType().startsWith("text/event-stream"), sse.contentType());
        Thread.sleep(300);
        assertEquals(0, server.running(), "no training run started");
        assertEquals(0, server.openStreams(), "no stream open");
    }

    private static RawHttp.Response send(String method, String target, String... headers) throws Exception {
        return RawHttp.send(server.port(), RawHttp.request(method, target, List.of(headers), null), 30_000);
    }
}
