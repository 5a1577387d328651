package gradlab.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.lab.UploadStore;
import gradlab.view.LessonText;

/**
 * Scale-out behind nginx, as the README's sample runs it: two in-process instances behind a
 * private nginx (never the system one) started from {@code nginx/gradlab.conf.template},
 * everything on the loopback address. Through the proxy: the comparison is the instance's
 * own, SSE and NDJSON runs stream record by record to their end, and the client cookie
 * keeps a browser (and its upload) on one instance. Skipped without nginx, except on CI
 * (CI=true), where that is a failure.
 */
class NginxTest {
    private static final String COOKIE = Headers.CLIENT_COOKIE;
    private static final Duration FIRST_RECORD = Duration.ofSeconds(5);
    private static final Duration RUN_FREED = Duration.ofSeconds(5);
    /** Long enough (over a minute here) that it is surely running when its first record arrives. */
    private static final String LONG_RUN = "data=spiral&n=2000&hidden=32%2C32&steps=3000";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Server a;
    private static Server b;
    private static PrivateNginx nginx;

    /** Streams a test opened; closed after each test, whatever happens. */
    private final List<InputStream> open = new ArrayList<>();

    @BeforeAll
    static void startInstancesAndProxy() throws Exception {
        String binary = PrivateNginx.requireBinary();
        try {
            Lessons lessons = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
            Settings settings = Settings.defaults().with(s -> {
                s.host = "127.0.0.1";
                s.port = 0;
            }).withRuns(4, 10);
            a = Server.create(settings, lessons).start(0);
            b = Server.create(settings, lessons).start(0);
            nginx = PrivateNginx.start(binary, a.port(), b.port());
        } catch (Throwable e) {
            stopAll();
            throw e;
        }
    }

    @AfterAll
    static void stopAll() {
        if (nginx != null) {
            nginx.close();
            nginx = null;
        }
        for (Server s : new Server[] {a, b}) {
            if (s != null) {
                try {
                    s.stop();
                } catch (RuntimeException e) {
                    System.err.println("NginxTest: stopping a server: " + e);
                }
            }
        }
        a = null;
        b = null;
    }

    @AfterEach
    void closeStreamsAndWaitForIdle() {
        for (InputStream in : open) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the stream is gone either way
            }
        }
        open.clear();
        awaitIdle();
    }

    // ---------------------------------------------------------------- through the proxy

    @Test
    void theComparisonThroughTheProxyIsTheInstancesOwn() throws Exception {
        String query = "/api/compare?data=xor&hidden=8%2C8&loss=bce";
        HttpResponse<String> proxied = get(proxy(query), "ab12cd34ef56ab78");
        HttpResponse<String> direct = get(direct(a, query), null);
        assertEquals(200, proxied.statusCode(), proxied.body());
        assertEquals(200, direct.statusCode(), direct.body());
        assertEquals(direct.body(), proxied.body(), "the proxy passes the comparison unchanged");
        assertTrue(proxied.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"),
                "the security headers pass the proxy");
        assertTrue(proxied.headers().firstValue("Set-Cookie").isEmpty(), "a client with the cookie keeps it");

        HttpResponse<String> first = get(proxy("/health"), null);
        assertEquals(200, first.statusCode());
        assertTrue(first.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(COOKIE + "=")),
                "a new client gets its cookie through the proxy: " + first.headers().map());
    }

    @Test
    void anSseRunStreamsThroughTheProxyToDone() throws Exception {
        HttpResponse<InputStream> r = stream("/lab/train?data=xor&hidden=4&loss=bce&steps=300", null,
                "text/event-stream");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
                r.headers().map().toString());
        List<String> events = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            BufferedReader in = reader(r);
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("event:")) {
                    events.add(line.substring(6).strip());
                }
            }
        }, "the stream ends after its done event");
        assertTrue(events.contains("row") && events.contains("progress") && events.contains("charts"), events.toString());
        assertEquals(List.of("summary", "done"), events.subList(Math.max(0, events.size() - 2), events.size()),
                events.toString());
    }

    @Test
    void anNdjsonRunStreamsThroughTheProxyToItsSummary() throws Exception {
        String query = "/api/train?data=line&steps=300";
        HttpResponse<InputStream> r = stream(query, null, null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"),
                r.headers().map().toString());
        List<String> lines = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> reader(r).lines().toList(),
                "the stream ends after its summary");
        assertEquals(301 + 1, lines.size(), "steps 0..300, then the summary");
        assertTrue(lines.get(0).startsWith("{\"step\":0,"), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).startsWith("{\"summary\":"), lines.get(lines.size() - 1));
        assertEquals(get(direct(a, query), null).body(), String.join("\n", lines) + "\n",
                "the proxy passes the records unchanged");
    }

    @Test
    void recordsArriveWhileTheRunIsGoing() throws Exception {
        // NDJSON: the first record of a run that takes over a minute, within seconds
        String first = firstLine(stream("/api/train?" + LONG_RUN, "0123456789abcdef", null), l -> true);
        assertTrue(first.startsWith("{\"step\":0,"), first);
        assertEquals(1, a.running() + b.running(), "the first record came while the run is running");
        closeStreamsAndWaitForIdle();

        // SSE: the first rows likewise
        firstLine(stream("/lab/train?" + LONG_RUN, "fedcba9876543210", "text/event-stream"),
                l -> l.startsWith("event:") && l.contains("row"));
        assertEquals(1, a.running() + b.running(), "the rows came while the run is running");
    }

    @Test
    void theCookieKeepsAClientAndItsUploadOnOneInstance() throws Exception {
        // three runs at once with the same cookie: all three on the same instance
        String client = "5eed5eed5eed5eed";
        for (int i = 0; i < 3; i++) {
            firstLine(stream("/api/train?" + LONG_RUN, client, null), l -> true);
        }
        Server home = a.running() > 0 ? a : b;
        Server other = home == a ? b : a;
        assertEquals(List.of(3, 0), List.of(home.running(), other.running()),
                "every request with one cookie went to one instance");
        closeStreamsAndWaitForIdle();

        // and the balancing does spread: other cookies reach the other instance
        Set<Server> reached = new HashSet<>();
        for (int i = 0; i < 24 && reached.size() < 2; i++) {
            firstLine(stream("/api/train?" + LONG_RUN, String.format(Locale.ROOT, "%016x", 0x1000L + i), null),
                    l -> true);
            reached.add(a.running() > 0 ? a : b);
            closeStreamsAndWaitForIdle();
        }
        assertEquals(2, reached.size(), "different cookies reach both instances");

        // what the cookie is for: an upload lives on one instance, and every later request of its
        // client finds it there; one as large as the app takes (1 MiB) passes the proxy too
        int cap = (int) UploadStore.Caps.DEFAULT.maxBytes();
        String csv = csvOfSize(cap);
        assertEquals(cap, csv.getBytes(UTF_8).length);
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(proxy("/upload"))
                .header("Cookie", COOKIE + "=" + client)
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString(multipart(csv))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, upload.statusCode(), "through the proxy: " + upload.body());
        Matcher id = Pattern.compile("u-[0-9a-f]{12}").matcher(upload.body());
        assertTrue(id.find(), "the preview names the upload's id");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> c = get(proxy("/api/compare?data=" + id.group()), client);
            assertEquals(200, c.statusCode(), "request " + i + " found the upload: " + c.body());
        }
        HttpResponse<String> elsewhere = get(direct(other, "/api/compare?data=" + id.group()), client);
        assertEquals(422, elsewhere.statusCode(), "the upload is only on the client's instance");
    }

    // ---------------------------------------------------------------- requests

    private static URI proxy(String pathAndQuery) {
        return nginx.uri(pathAndQuery);
    }

    private static URI direct(Server s, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + s.port() + pathAndQuery);
    }

    private static HttpResponse<String> get(URI uri, String client) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        if (client != null) {
            req.header("Cookie", COOKIE + "=" + client);
        }
        return HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A streamed GET through the proxy; its body is closed after the test. */
    private HttpResponse<InputStream> stream(String pathAndQuery, String client, String accept)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(proxy(pathAndQuery)).timeout(FIRST_RECORD).GET();
        if (client != null) {
            req.header("Cookie", COOKIE + "=" + client);
        }
        if (accept != null) {
            req.header("Accept", accept);
        }
        HttpResponse<InputStream> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        open.add(r.body());
        return r;
    }

    private static BufferedReader reader(HttpResponse<InputStream> r) {
        return new BufferedReader(new InputStreamReader(r.body(), UTF_8));
    }

    /** The first line that matches, within seconds of the request; the stream stays open. */
    private static String firstLine(HttpResponse<InputStream> r, java.util.function.Predicate<String> wanted) {
        assertEquals(200, r.statusCode());
        BufferedReader in = reader(r);
        return assertTimeoutPreemptively(FIRST_RECORD, () -> {
            for (String line; (line = in.readLine()) != null; ) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            return fail("the stream ended without the record");
        }, "the first record arrives through the proxy while the run is going");
    }

    /** A CSV of exactly {@code size} bytes: 8 columns of numbers, its last row padded with zeros. */
    private static String csvOfSize(int size) {
        StringBuilder s = new StringBuilder("x1,x2,x3,x4,x5,x6,x7,y\n");
        for (int i = 0; size - s.length() > 250; i++) {
            for (int j = 0; j < 8; j++) {
                s.append(String.format(Locale.ROOT, "%.15f", Math.sin(i * 0.37 + j * 1.3))).append(j < 7 ? ',' : '\n');
            }
        }
        String tail = ",1,1,1,1,1,1,1\n";
        String zeros = "0".repeat(size - s.length() - "0.5".length() - tail.length());
        return s.append("0.5").append(zeros).append(tail).toString();
    }

    private static String multipart(String csv) {
        return "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--b--\r\n";
    }

    /** Closed streams free their runs (nginx drops the upstream connection; the app cancels). */
    private static void awaitIdle() {
        long deadline = System.nanoTime() + RUN_FREED.toNanos();
        while (a != null && b != null && a.running() + b.running() > 0 && System.nanoTime() < deadline) {
            sleep(50);
        }
        if (a != null && b != null) {
            assertEquals(0, a.running() + b.running(), "runs whose client left through the proxy were freed");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
