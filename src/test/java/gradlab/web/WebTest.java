package gradlab.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;

import gradlab.config.Settings;
import gradlab.engine.Procedure;
import gradlab.lab.Param;
import gradlab.view.LessonText;
import gradlab.view.Paths;
import gradlab.lab.LabSpec;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.lab.Uploads;
import gradlab.view.Assets;

/** The server as a user's browser or script meets it, on a free port. */
class WebTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
    private Server server;

    /** A fresh server for each test: JavalinTest starts it on a free port and stops it after. */
    private void test(io.javalin.testtools.TestCase body) {
        server = Server.create(Settings.defaults().withPort(0).withRuns(2, 10), LESSONS);
        JavalinTest.test(server.javalin(), body);
    }

    @Test
    void theLabPageHasEveryControlLabelled() {
        test((s, client) -> {
            Response r = client.get("/lab?data=xor&hidden=8&loss=bce");
            assertEquals(200, r.code());
            String html = r.body().string();
            for (Param p : Param.values()) {
                String param = p.id();
                if (!p.inForm()) {
                    // the API's own (format, examples) and the views' (the cloud's plane, the landscape's axes)
                    continue;
                }
                assertTrue(html.contains("name=\"" + param + "\""), "a control for " + param);
                assertTrue(html.contains("for=\"f-" + param + "\""), "a label for " + param);
            }
            assertTrue(html.contains(Assets.HTMX) && html.contains(Assets.HTMX_SSE), "htmx from its WebJar");
            assertTrue(html.contains("<svg") && html.contains("mean-error"), "a chart and the naive procedures");
            assertTrue(html.contains("<noscript>"), "a form that submits without JavaScript");
            assertFalse(html.contains("<script>") || html.contains("style=\""), "no inline script or style");
        });
    }

    @Test
    void everyAssetThePageNamesIsServed() {
        test((s, client) -> {
            for (String path : List.of(Assets.HTMX, Assets.HTMX_SSE, Assets.STYLESHEET, Assets.SCRIPT)) {
                assertEquals(200, client.get(path).code(), path);
            }
        });
    }

    @Test
    void theProceduresColoursComeFromTheirTypeAndThePageLinksThem() throws Exception {
        test((s, client) -> {
            assertTrue(client.get("/lab").body().string().contains("href=\"" + Paths.PROCEDURE_STYLES + "\""));
            Response r = client.get(Paths.PROCEDURE_STYLES);
            assertEquals(200, r.code());
            String type = r.headers().get("Content-Type").get(0);
            assertTrue(type.startsWith("text/css"), type);
            String css = r.body().string();
            for (Procedure p : Procedure.values()) {
                assertTrue(css.contains(".proc[data-proc=\"" + p.id() + "\"] { color: " + p.ink() + "; }"), css);
            }
        });
    }

    @Test
    void theApiComparisonIsTheCommandLinesJson() {
        test((s, client) -> {
            String query = "data=xor&hidden=8&loss=bce&micro=8,24";
            Response r = client.get("/api/compare?" + query.replace(",", "%2C"));
            assertEquals(200, r.code());
            assertTrue(r.headers().get("Content-Type").get(0).startsWith("application/json"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = new gradlab.CliAccess(new PrintStream(out, true, UTF_8)).compare(query);
            assertEquals(0, status);
            assertEquals(out.toString(UTF_8).strip(), r.body().string().strip());
        });
    }

    @Test
    void trainingStreamsRecordsThenASummary() throws Exception {
        test((s, client) -> {
            Response r = client.get("/api/train?data=line&steps=30");
            assertEquals(200, r.code());
            List<JsonNode> lines = new ArrayList<>();
            for (String line : r.body().string().split("\n")) {
                lines.add(JSON.readTree(line));
            }
            assertEquals(31 + 1, lines.size(), "steps 0..30, then the summary");
            assertEquals(0, lines.get(0).get("step").asInt());
            assertEquals(30, lines.get(30).get("step").asInt());
            assertEquals("completed", lines.get(31).get("summary").get("end").asText());
            assertEquals("no", r.headers().get("X-Accel-Buffering").get(0));
        });
    }

    @Test
    void trainingAsCsvHasAHeaderAndOneRowPerRecordedStep() {
        test((s, client) -> {
            Response r = client.get("/api/train?data=line&steps=1000&format=csv");
            assertEquals(200, r.code());
            String[] rows = r.body().string().split("\n");
            assertTrue(rows[0].startsWith("step,per-example.cost,per-example.cosine"), rows[0]);
            assertEquals(1 + 500, rows.length, "R = min(steps + 1, 500) rows");
            assertTrue(rows[500].startsWith("1000,"), rows[500]);
        });
    }

    @Test
    void aBadValueIs422NamingTheParameterInJsonInTheFragmentAndInThePage() throws Exception {
        test((s, client) -> {
            Response api = client.get("/api/compare?n=0");
            assertEquals(422, api.code());
            JsonNode err = JSON.readTree(api.body().string());
            assertEquals("n", err.get("param").asText());
            String message = err.get("error").asText();
            assertTrue(message.contains("1") && message.contains("10000"), message);

            Response fragment = client.get("/lab?n=0", req -> req.header("HX-Request", "true"));
            assertEquals(422, fragment.code());
            assertEquals("none", fragment.headers().get("HX-Reswap").get(0), "the last good result stays");
            assertTrue(fragment.body().string().matches("(?s).*id=\"error-n\"[^>]*>[^<]*"
                    + Pattern.quote(message.replace("\"", "&quot;")) + ".*"), fragment.body().string());

            Response page = client.get("/lab?n=0");
            assertEquals(422, page.code());
            assertTrue(page.body().string().contains("<form"), "the whole page, with its form");
            assertTrue(page.body().string().contains(message.replace("\"", "&quot;")));

            Response train = client.get("/api/train?lr=-1");
            assertEquals(422, train.code());
            assertEquals("lr", JSON.readTree(train.body().string()).get("param").asText());
        });
    }

    @Test
    void theComparisonAtATrainingStepIsServedAndItsRefusalsName422OnAtOrAlong() throws Exception {
        test((s, client) -> {
            String lab = "data=sine&n=32&hidden=8&lr=1000&steps=500&along=mean-input";
            Response ok = client.get("/api/compare?" + lab + "&at=1");
            assertEquals(200, ok.code());
            JsonNode spec = JSON.readTree(ok.body().string()).get("spec");
            assertEquals(1, spec.get("at").asInt());
            assertEquals("mean-input", spec.get("along").asText());
            for (String[] bad : new String[][] {{lab + "&at=500", "at", "diverged at step"},
                    {lab + "&at=-1", "at", "0 to 5000"}, {"along=batched", "along", "per-example"}}) {
                Response api = client.get("/api/compare?" + bad[0]);
                assertEquals(422, api.code(), bad[0]);
                JsonNode err = JSON.readTree(api.body().string());
                assertEquals(bad[1], err.get("param").asText(), bad[0]);
                assertTrue(err.get("error").asText().contains(bad[2]), err.get("error").asText());
            }
            // the page at a step, and its fragment's refusal next to the form
            Response page = client.get("/lab?" + lab + "&at=1");
            assertEquals(200, page.code());
            String html = page.body().string();
            assertTrue(html.contains("The gradient at step 1 of the mean-input copy"), "the page says where it compares");
            assertTrue(html.contains("On the minibatch of step 2 (32 examples)"));
            Response fragment = client.get("/lab?" + lab + "&at=500", req -> req.header("HX-Request", "true"));
            assertEquals(422, fragment.code());
            assertTrue(fragment.body().string().contains("mean-input diverged at step"));
        });
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        test((s, client) -> {
            for (String path : List.of("/lab", "/api/compare", "/health", "/api/compare?n=0", "/nowhere", Assets.STYLESHEET)) {
                Response r = client.get(path);
                String csp = r.headers().get("Content-Security-Policy").get(0);
                assertTrue(csp.contains("default-src 'self'") && !csp.contains("unsafe-inline")
                        && !csp.contains("unsafe-eval") && csp.contains("frame-ancestors"), path + ": " + csp);
                assertEquals("nosniff", r.headers().get("X-Content-Type-Options").get(0), path);
                assertFalse(r.headers().get("Referrer-Policy").isEmpty(), path);
            }
        });
    }

    @Test
    void jettysOwnRefusalsCarryTheSecurityHeadersToo() {
        test((s, client) -> {
            for (String path : List.of("/%zz", "/static/../../etc/passwd")) {
                String response = raw(s.port(), path);
                String head = response.substring(0, response.indexOf("\r\n\r\n"));
                assertTrue(head.startsWith("HTTP/1.1 400"), head);
                assertTrue(head.contains("Content-Security-Policy: default-src 'self'"), head);
                assertTrue(head.contains("X-Content-Type-Options: nosniff"), head);
                assertFalse(response.contains("\tat ") || response.contains("Exception"), response);
            }
        });
    }

    @Test
    void healthAnswersWithTheRunsAndTheHeap() throws Exception {
        test((s, client) -> {
            JsonNode h = JSON.readTree(client.get("/health").body().string());
            for (String key : List.of("status", "version", "running", "queued", "uptimeSeconds", "heapUsedBytes",
                    "heapMaxBytes")) {
                assertTrue(h.has(key), key);
            }
            assertEquals("ok", h.get("status").asText());
        });
    }

    @Test
    void unknownAddressesAndBrokenQueriesNeverGive500() {
        test((s, client) -> {
            assertEquals(404, client.get("/nowhere").code());
            for (String q : List.of("%", "n=%zz", "=&=", "data=../../etc/passwd", "hidden=64,64,64,64,64,64,64",
                    "lr=NaN", "frobnicate=1", "n=%F0%9F%98%80", "seed=<script>")) {
                for (String path : List.of("/lab?", "/api/compare?", "/api/train?", "/lab/run?")) {
                    String response = raw(s.port(), path + q);
                    int code = Integer.parseInt(response.substring(9, 12));
                    assertTrue(code >= 400 && code < 500, path + q + ": " + response.lines().findFirst().orElse(""));
                    assertFalse(response.contains("Exception") || response.contains("\tat "), path + q);
                }
            }
        });
    }

    @Test
    void theSseStreamSendsProgressRowsChartsSummaryThenDone() throws Exception {
        test((s, client) -> {
            List<String> events = new ArrayList<>();
            try (Socket socket = sse(s.port(), "/lab/train?data=xor&hidden=4&loss=bce&steps=40")) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event:")) {
                        events.add(line.substring(6).strip());
                    }
                }
            }
            assertTrue(events.contains("row") && events.contains("progress") && events.contains("charts"), events.toString());
            assertEquals(List.of("summary", "done"), events.subList(events.size() - 2, events.size()));
        });
    }

    @Test
    void aClientThatGoesAwayFreesItsRunWithinASecond() throws Exception {
        test((s, client) -> {
            try (Socket socket = sse(s.port(), "/lab/train?data=spiral&n=4000&hidden=32,32&steps=5000")) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
                String line;
                do {
                    line = in.readLine();
                } while (line != null && !line.startsWith("event: row") && !line.startsWith("event:row"));
                assertEquals(1, server.running(), "the run is running while its stream is open");
            }
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (server.running() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, server.running(), "the run was freed after the client left");
            assertEquals(0, server.openStreams());
        });
    }

    @Test
    void aRefusedStreamSaysWhyAndEnds() throws Exception {
        test((s, client) -> {
            StringBuilder body = new StringBuilder();
            try (Socket socket = sse(s.port(), "/lab/train?n=0")) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
                for (String line; (line = in.readLine()) != null; ) {
                    body.append(line).append('\n');
                }
            }
            Matcher m = Pattern.compile("event: ?done").matcher(body);
            assertTrue(m.find(), body.toString());
            assertTrue(body.toString().contains("n must be"), body.toString());
            assertEquals(0, server.running());
        });
    }

    @Test
    void anUploadedCsvIsPreviewedAndWorksInTheLabAndTheApi() throws Exception {
        test((s, client) -> {
            String csv = "x,y\n" + java.util.stream.IntStream.range(0, 20)
                    .mapToObj(i -> (i / 10.0) + "," + (2 * i / 10.0 + 1)).collect(java.util.stream.Collectors.joining("\n"));
            String page = raw(s.port(), "POST", "/upload", multipart(csv));
            assertTrue(page.startsWith("HTTP/1.1 200"), page.lines().findFirst().orElse(""));
            Matcher id = Pattern.compile("u-[0-9a-f]{12}").matcher(page);
            assertTrue(id.find(), "the preview names the data set's id");
            assertTrue(page.contains("20 examples"), "the preview counts the rows");
            Response lab = client.get("/lab?data=" + id.group());
            assertEquals(200, lab.code());
            JsonNode c = JSON.readTree(client.get("/api/compare?data=" + id.group()).body().string());
            assertEquals(20, c.get("spec").get("n").asInt(), "n defaults to every row of an upload");

            String bad = raw(s.port(), "POST", "/upload", multipart("x,y\n1,2\n3,abc\n"));
            assertTrue(bad.startsWith("HTTP/1.1 422"), bad.lines().findFirst().orElse(""));
            assertTrue(bad.contains("line 3, column 2"), "the message names line and column");

            Response unknown = client.get("/api/compare?data=u-000000000000");
            assertEquals(422, unknown.code());
            assertEquals("data", JSON.readTree(unknown.body().string()).get("param").asText());
        });
    }

    @Test
    void anOversizedUploadIsRefusedFromItsLengthWithoutBeingRead() throws Exception {
        test((s, client) -> {
            try (Socket socket = new Socket("127.0.0.1", s.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                        + "Content-Length: 500000000\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
                out.write("--b\r\n".getBytes(UTF_8));
                out.flush();
                // only the headers and a few bytes were sent: the answer comes without the 500 MB
                String response = new String(socket.getInputStream().readNBytes(200), UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 413"), response);
            }
        });
    }

    @Test
    void aStoppingServerEndsItsStreamsWithAStoppedSummary() throws Exception {
        Server stopping = Server.create(Settings.defaults().withPort(0).withRuns(1, 10), LESSONS).start(0);
        String line;
        try (Socket ndjson = new Socket("127.0.0.1", stopping.port())) {
            ndjson.getOutputStream().write(("GET /api/train?data=spiral&n=4000&hidden=32,32&steps=5000 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
            ndjson.setSoTimeout(30_000);
            BufferedReader records = new BufferedReader(new InputStreamReader(ndjson.getInputStream(), UTF_8));
            do {
                line = records.readLine();
            } while (line != null && !line.contains("\"step\""));
            assertTrue(line != null, "the run started");
            Socket sse = sse(stopping.port(), "/lab/train?data=spiral&n=4000&hidden=32,32&steps=5000");
            BufferedReader in = new BufferedReader(new InputStreamReader(sse.getInputStream(), UTF_8));
            do {
                line = in.readLine();
            } while (line != null && !line.contains("queued"));
            Thread stopper = new Thread(stopping::stop);
            stopper.start();
            String last = null;
            for (String l; (l = records.readLine()) != null; ) {
                if (l.startsWith("{")) {
                    last = l;
                }
            }
            assertTrue(last != null && last.contains("\"end\":\"stopped\""), "the summary says stopped: " + last);
            // the event stream waited behind it, and was told why it will not run
            StringBuilder events = new StringBuilder();
            for (String l; (l = in.readLine()) != null; ) {
                events.append(l).append('\n');
            }
            assertTrue(events.toString().contains("server is stopping"), events.toString());
            sse.close();
            stopper.join(10_000);
            assertFalse(stopper.isAlive(), "the server stopped within seconds");
        }
    }

    @Test
    void brokenMultipartBodiesAreRefusedNot500() {
        test((s, client) -> {
            for (String body : List.of("garbage", "", "--b\r\n\r\nx,y\n1,2\r\n--b--\r\n",
                    "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx,y\n1,2\n")) {
                String response = raw(s.port(), "POST", "/upload", body);
                int code = Integer.parseInt(response.substring(9, 12));
                assertTrue(code >= 400 && code < 500, code + " for " + body);
                assertFalse(response.contains("Exception"), body);
            }
        });
    }

    @Test
    void aJsonClientGetsAJsonErrorForAnUnknownLesson() throws Exception {
        test((s, client) -> {
            Response r = client.get("/lesson/nope", req -> req.header("Accept", "application/json"));
            assertEquals(404, r.code());
            assertTrue(JSON.readTree(r.body().string()).get("error").asText().length() > 5);
        });
    }

    @Test
    void aQueuedRunDroppedByAStoppingServerStillGetsItsStoppedSummary() throws Exception {
        Server stopping = Server.create(Settings.defaults().withPort(0).withRuns(1, 10), LESSONS).start(0);
        try (Socket first = new Socket("127.0.0.1", stopping.port());
             Socket second = new Socket("127.0.0.1", stopping.port())) {
            String request = "GET /api/train?data=spiral&n=4000&hidden=32,32&steps=5000 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n";
            first.setSoTimeout(30_000);
            second.setSoTimeout(30_000);
            first.getOutputStream().write(request.getBytes(UTF_8));
            BufferedReader running = new BufferedReader(new InputStreamReader(first.getInputStream(), UTF_8));
            String record;
            do {
                record = running.readLine();
            } while (record != null && !record.contains("\"step\""));
            second.getOutputStream().write(request.getBytes(UTF_8));
            BufferedReader waiting = new BufferedReader(new InputStreamReader(second.getInputStream(), UTF_8));
            String line;
            do {
                line = waiting.readLine();
            } while (line != null && !line.contains("queued"));
            assertTrue(line != null, "the second run waits");
            Thread stopper = new Thread(stopping::stop);
            stopper.start();
            String last = null;
            for (String l; (l = waiting.readLine()) != null; ) {
                if (l.startsWith("{")) {
                    last = l;
                }
            }
            assertTrue(last != null && last.contains("\"end\":\"stopped\""), "its summary says stopped: " + last);
            stopper.join(10_000);
        }
    }

    private static String multipart(String csv) {
        return "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--b--\r\n";
    }

    /** A request with a body on a plain socket; the whole response. */
    private static String raw(int port, String method, String path, String body) throws Exception {
        byte[] bytes = body.getBytes(UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(UTF_8));
            socket.getOutputStream().write(bytes);
            return new String(socket.getInputStream().readAllBytes(), UTF_8);
        }
    }

    /** A GET on a plain socket (any bytes in the path, as a careless client sends), the whole response. */
    private static String raw(int port, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(UTF_8));
            socket.setSoTimeout(30_000);
            return new String(socket.getInputStream().readAllBytes(), UTF_8);
        }
    }

    /** An event-stream request on a plain socket, so that closing it is a real disconnect. */
    private static Socket sse(int port, String path) throws Exception {
        Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "Connection: close\r\n\r\n").getBytes(UTF_8));
        out.flush();
        socket.setSoTimeout(60_000);
        return socket;
    }
}
