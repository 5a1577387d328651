package gradlab.web;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A training stream read on its own thread, every line kept with the time it arrived, so a
 * test can wait for a line with a deadline and compare when things happened on several
 * streams at once.
 */
final class StreamLog implements AutoCloseable {
    record Line(long nanos, String text) {
    }

    /** A server-sent event: its name, its data, when its name arrived. */
    record Event(long nanos, String name, String data) {
    }

    private final String target;
    private final RawHttp.Stream stream;
    private final List<Line> lines = new ArrayList<>();
    private final Thread reader;
    private boolean ended;
    private IOException failure;

    private StreamLog(String target, RawHttp.Stream stream) {
        this.target = target;
        this.stream = stream;
        this.reader = new Thread(this::read, "stream-log " + target);
        reader.setDaemon(true);
        reader.start();
    }

    /** GET /api/train?query (NDJSON or CSV), with optional extra header lines ("Name: value"). */
    static StreamLog train(int port, String query, String... headers) throws IOException {
        String target = "/api/train?" + query;
        return new StreamLog(target, RawHttp.open(port, target, headers));
    }

    /** GET /lab/train?query as an event stream, with optional extra header lines. */
    static StreamLog events(int port, String query, String... headers) throws IOException {
        String target = "/lab/train?" + query;
        return new StreamLog(target, RawHttp.sse(port, target, headers));
    }

    /** Any event stream of the server (a class's), with optional extra header lines such as its cookies. */
    static StreamLog sse(int port, String target, String... headers) throws IOException {
        return new StreamLog(target, RawHttp.sse(port, target, headers));
    }

    /** The header line of a browser's client cookie, so that a test can play many browsers from one address. */
    static String browser(long id) {
        return "Cookie: " + Headers.CLIENT_COOKIE + "=" + Long.toHexString(id);
    }

    int status() {
        return stream.status();
    }

    String header(String name) {
        return stream.header(name);
    }

    private void read() {
        try {
            for (String line; (line = stream.readLine()) != null; ) {
                synchronized (this) {
                    lines.add(new Line(System.nanoTime(), line));
                    notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                failure = e;
            }
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /** The first line that matches, waiting for it up to the timeout; fails with what came instead. */
    synchronized Line await(Predicate<String> wanted, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < lines.size(); seen++) {
                if (wanted.test(lines.get(seen).text())) {
                    return lines.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new AssertionError(target + ": no " + what + (ended ? " before the stream ended" : " within "
                        + timeout.toMillis() + " ms") + (failure == null ? "" : " (" + failure + ")") + "; last lines: "
                        + tail());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until the server ends the stream. */
    synchronized void awaitEnd(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(target + " did not end within " + timeout.toMillis() + " ms; last lines: " + tail());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized boolean ended() {
        return ended;
    }

    synchronized List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The non-empty lines, in order. */
    synchronized List<String> texts() {
        return lines.stream().map(Line::text).filter(t -> !t.isBlank()).toList();
    }

    /** The events of an event stream, in order (comments skipped). */
    synchronized List<Event> events() {
        List<Event> events = new ArrayList<>();
        String name = null;
        long nanos = 0;
        StringBuilder data = new StringBuilder();
        for (Line l : lines) {
            String t = l.text();
            if (t.startsWith("event:")) {
                name = t.substring(6).strip();
                nanos = l.nanos();
            } else if (t.startsWith("data:")) {
                data.append(data.length() == 0 ? "" : "\n").append(t.substring(5).strip());
            } else if (t.isEmpty() && name != null) {
                events.add(new Event(nanos, name, data.toString()));
                name = null;
                data.setLength(0);
            }
        }
        return events;
    }

    private String tail() {
        List<String> t = lines.stream().map(Line::text).filter(s -> !s.isBlank()).toList();
        List<String> last = t.subList(Math.max(0, t.size() - 5), t.size());
        return last.stream().map(s -> s.length() > 200 ? s.substring(0, 200) + "…" : s).toList().toString();
    }

    /** Drops the connection the hard way (a reset). */
    void abort() throws IOException {
        stream.abort();
    }

    /** Closes the connection as a client that is done (or a tab that is closed). */
    @Override
    public void close() throws IOException {
        stream.close();
    }
}
