package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;

/**
 * The audit's attack: clients ask for the lab's heaviest page and never read a byte. What the
 * kernel cannot buffer (about 1.6 MB a connection here) keeps one of the server's threads in a
 * blocked write; with pages heavier than that, or a wait without bound, a crowd takes every
 * thread and everybody else waits. The server here has few threads, so that a small crowd
 * stands for the audit's 300 clients; each client asks for several pages at once (HTTP/1.1
 * pipelining), as much as one 2 MB page used to weigh.
 */
class SlowReadersTest {
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, gradlab.view.LessonText::html);
    private static final int THREADS = 16;
    /** More clients than threads. */
    private static final int CROWD = 20;
    /** Pages each client of the crowd asks for at once. */
    private static final int PIPELINED = 4;
    /**
     * The heaviest page that is cheap to compute (so that the crowd costs the server threads, not
     * minutes of work): 10000 examples, whose covariance chart drew a dot each (600 KB).
     */
    private static final String HEAVY = "/lab?data=line&n=10000";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(1);
    /** A generous bound for "it did not hang": the crowd's work on a busy machine, far below the old 30 s. */
    private static final int ANSWER_MILLIS = 15_000;

    private Server server;
    private final List<Socket> crowd = new ArrayList<>();

    @BeforeEach
    void start() {
        Settings settings = Settings.defaults().withPort(0).withRuns(1, 10).with(b -> {
            b.writeTimeout = WRITE_TIMEOUT;
            b.maxThreads = THREADS;
        });
        server = Server.create(settings, LESSONS).start(0);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : crowd) {
            s.close();
        }
        server.stop();
    }

    @Test
    void aCrowdThatNeverReadsHeavyPagesDoesNotHoldUpEveryoneElse() throws Exception {
        // warm: the crowd should cost the server its threads, not its first compilations
        for (int i = 0; i < 10; i++) {
            assertEquals(200, RawHttp.get(server.port(), HEAVY).status());
        }
        for (int i = 0; i < CROWD; i++) {
            crowd.add(neverReading(HEAVY, PIPELINED));
        }
        // the crowd's requests reach the server first
        Thread.sleep(500);

        ExecutorService users = Executors.newFixedThreadPool(3);
        try {
            List<Callable<String>> normal = List.of(
                    () -> timed("/health"),
                    () -> timed("/lab"),
                    () -> timed("/api/compare?data=xor&hidden=8&loss=bce"));
            List<String> answers = new ArrayList<>();
            for (Future<String> f : users.invokeAll(normal, ANSWER_MILLIS + 5_000, TimeUnit.MILLISECONDS)) {
                answers.add(f.isCancelled() ? "no answer in time" : f.get());
            }
            System.out.println("SlowReadersTest: " + answers);
            for (String a : answers) {
                assertTrue(a.startsWith("200 "), "a normal request answered in time while the crowd waits: " + answers);
            }
        } finally {
            users.shutdownNow();
        }
    }

    @Test
    void aClientThatNeverReadsIsCutOffAfterTheWriteTimeout() throws Exception {
        // 40 pages of 50 KB: more than the kernel buffers, so the server's write waits on the client
        int pages = 40;
        Socket s = neverReading(HEAVY, pages);
        crowd.add(s);
        // long past the write timeout, and the time to compute the pages
        Thread.sleep(WRITE_TIMEOUT.toMillis() + 5_000);
        s.setSoTimeout(ANSWER_MILLIS);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        boolean closed;
        try {
            s.getInputStream().transferTo(read);
            closed = true;
        } catch (SocketTimeoutException stillWaiting) {
            closed = false;
        }
        int answered = read.toString(StandardCharsets.ISO_8859_1).split("HTTP/1.1 200 ", -1).length - 1;
        System.out.println("SlowReadersTest: " + answered + " of " + pages + " pages reached a client that never read");
        assertTrue(answered > 0, "the first pages were sent");
        assertTrue(closed && answered < pages, "the server gave up on a client that did not read, instead of waiting "
                + "for it: " + answered + " of " + pages + " pages, " + (closed ? "then the connection closed"
                : "the connection still open after " + ANSWER_MILLIS + " ms"));
    }

    /** A connection that asks for the page k times at once and reads nothing: the smallest window the kernel allows. */
    private Socket neverReading(String target, int k) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(1024);
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        for (int i = 0; i < k; i++) {
            // keep-alive: the next request is answered on the same connection once this one is written
            requests.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        OutputStream out = s.getOutputStream();
        out.write(requests.toByteArray());
        out.flush();
        return s;
    }

    /** "status in N ms", or what went wrong. */
    private String timed(String target) {
        long start = System.nanoTime();
        try {
            RawHttp.Response r = RawHttp.send(server.port(), RawHttp.request("GET", target, List.of(), null), ANSWER_MILLIS);
            return r.status() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms: " + target;
        } catch (IOException e) {
            return "no answer after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + target + " (" + e + ")";
        }
    }
}
