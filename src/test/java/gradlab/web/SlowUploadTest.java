package gradlab.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;

/**
 * The audit's slow upload attack on loopback: more sockets than Jetty has threads, each
 * sending a 1 MB multipart upload a byte at a time. The server must go on answering everyone
 * else, refuse the uploads beyond its cap at once with 503, and close the slow ones it took
 * once their time to arrive is up.
 */
class SlowUploadTest {
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, gradlab.view.LessonText::html);
    private static final int AT_ONCE = 4;
    private static final int ARRIVAL_SECONDS = 3;
    /** How long a request of a healthy server may take here: generous, a hang is far longer. */
    private static final int PROMPT_MILLIS = 5_000;

    private static final byte[] HEAD = ("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 1000000\r\n\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.csv\"\r\n\r\nx,y\n")
            .getBytes(UTF_8);

    private final List<Socket> sockets = new ArrayList<>();
    private final ExecutorService trickle = Executors.newSingleThreadExecutor();
    private Server server;

    @AfterEach
    void close() throws Exception {
        trickle.shutdownNow();
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void slowUploadsBeyondTheThreadsNeitherStopTheServerNorOutliveTheirTime() throws Exception {
        server = Server.create(Settings.defaults().withPort(0).withRuns(2, 10).with(b -> {
            b.host = "127.0.0.1";
            b.uploadsAtOnce = AT_ONCE;
            b.uploadArrival = Duration.ofSeconds(ARRIVAL_SECONDS);
        }), LESSONS).start(0);
        int threads = ((QueuedThreadPool) server.javalin().jettyServer().threadPool()).getMaxThreads();
        int slow = threads + 20;

        for (int i = 0; i < slow; i++) {
            slowUpload();
        }
        // a byte a second on every socket still open: never idle, never done
        Future<?> dripping = trickle.submit(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (Socket s : sockets) {
                    try {
                        OutputStream out = s.getOutputStream();
                        out.write('1');
                        out.flush();
                    } catch (IOException closedByTheServer) {
                        // that one is over
                    }
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        // everyone else is still served, promptly
        long t0 = System.nanoTime();
        RawHttp.Response health = RawHttp.send(server.port(), RawHttp.request("GET", "/health", List.of(), null),
                PROMPT_MILLIS);
        assertEquals(200, health.status(), health.text());
        RawHttp.Response compare = RawHttp.send(server.port(),
                RawHttp.request("GET", "/api/compare?data=xor&n=8&hidden=4", List.of(), null), PROMPT_MILLIS);
        assertEquals(200, compare.status(), compare.text());

        // the uploads beyond the cap were refused at once; the others are closed once their time is up
        int busy = 0;
        int closed = 0;
        List<String> other = new ArrayList<>();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(ARRIVAL_SECONDS + 10);
        for (Socket s : sockets) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            s.setSoTimeout((int) left);
            String answer = answer(s.getInputStream());
            if (answer.startsWith("HTTP/1.1 503")) {
                assertTrue(answer.contains("Retry-After:"), answer);
                assertTrue(answer.contains("try again"), answer);
                busy++;
            } else if (answer.isEmpty() || answer.startsWith("HTTP/1.1 408")) {
                closed++;
            } else {
                other.add(answer.lines().findFirst().orElse(answer));
            }
        }
        dripping.cancel(true);
        assertEquals(List.of(), other, "every slow upload was refused or timed out");
        // how many were taken in all depends on how fast this machine opened them (a place frees
        // when its upload times out); that no more than the cap arrive at once is the next test's
        assertTrue(busy >= slow - threads, busy + " of " + slow + " refused at once");
        assertTrue(closed > 0, "some were taken and closed once their time was up");
    }

    @Test
    void atMostTheCapArriveAtOnceAndTheNextIsToldToRetry() throws Exception {
        server = Server.create(Settings.defaults().withPort(0).withRuns(1, 1).with(b -> {
            b.host = "127.0.0.1";
            b.uploadsAtOnce = AT_ONCE;
            b.uploadArrival = Duration.ofSeconds(ARRIVAL_SECONDS);
        }), LESSONS).start(0);
        long t0 = System.nanoTime();
        for (int i = 0; i <= AT_ONCE; i++) {
            slowUpload();
        }
        // one of them is refused at once, while the others are still arriving
        Socket first = firstAnswered(TimeUnit.SECONDS.toNanos(ARRIVAL_SECONDS));
        assertTrue(first != null, "one upload beyond the cap was refused before the others' time was up");
        first.setSoTimeout(PROMPT_MILLIS);
        String refused = answer(first.getInputStream());
        assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
        assertTrue(refused.contains("Retry-After: "), refused);
        for (Socket s : sockets) {
            if (s != first) {
                long left = t0 + TimeUnit.SECONDS.toNanos(ARRIVAL_SECONDS + 10) - System.nanoTime();
                s.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                String answer = answer(s.getInputStream());
                assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408"), answer);
                assertTrue(answer.isEmpty() || answer.contains(ARRIVAL_SECONDS + " seconds"), answer);
            }
        }
        // the places are free again
        Socket after = slowUpload();
        after.setSoTimeout(1_000);
        assertThrows(SocketTimeoutException.class, () -> after.getInputStream().read(), "taken, not refused");
    }

    /** The first socket with an answer waiting, or null when none has one within that many nanoseconds. */
    private Socket firstAnswered(long nanos) throws IOException, InterruptedException {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            for (Socket s : sockets) {
                if (s.getInputStream().available() > 0) {
                    return s;
                }
            }
            Thread.sleep(20);
        }
        return null;
    }

    /** A socket that sent the head and the start of a 1 MB upload, and nothing more. */
    private Socket slowUpload() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        sockets.add(s);
        s.getOutputStream().write(HEAD);
        s.getOutputStream().flush();
        return s;
    }

    /** What the server sent before it closed the connection; fails when it keeps it open too long. */
    private static String answer(InputStream in) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                got.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("a slow upload was still open after its time to arrive", e);
        } catch (IOException reset) {
            // closed the hard way, with the rest of the body unread: what came before it counts
        }
        return got.toString(UTF_8);
    }
}
