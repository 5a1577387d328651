package gradlab.tools;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The server-sent events one stream delivered, each with the moment it was complete (its blank
 * line read), as a browser's EventSource would dispatch it; others wait here for an event.
 */
final class EventLog {
    /** One event: its name ("message" when it has none), its data lines joined by newlines. */
    record Event(String name, String data, long nanos) {
    }

    private final List<Event> events = new ArrayList<>();
    private boolean closed;

    /**
     * Reads the stream's lines until it ends or an event named {@code last} (if not null) has
     * come; returns whether it came. Comments (heartbeats) are skipped. Reading may go on later
     * from where it stopped.
     */
    boolean read(Iterator<String> lines, String last) {
        String name = null;
        StringBuilder data = null;
        boolean came = false;
        try {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (name != null || data != null) {
                        Event e = new Event(name == null ? "message" : name, data == null ? "" : data.toString(),
                                System.nanoTime());
                        add(e);
                        if (e.name().equals(last)) {
                            came = true;
                            return true;
                        }
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith("event:")) {
                    name = field(line, 6);
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(field(line, 5));
                }
            }
            return false;
        } finally {
            if (!came) {
                close();
            }
        }
    }

    private static String field(String line, int from) {
        return line.startsWith(" ", from) ? line.substring(from + 1) : line.substring(from);
    }

    private synchronized void add(Event e) {
        events.add(e);
        notifyAll();
    }

    private synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Whether the stream has ended (or its reading stopped). */
    synchronized boolean closed() {
        return closed;
    }

    /** Every event so far. */
    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The first event that matches, waiting for it until {@code deadlineNanos} (System.nanoTime) or the stream's end. */
    synchronized Optional<Event> await(Predicate<Event> wanted, long deadlineNanos) throws InterruptedException {
        int seen = 0;
        while (true) {
            for (; seen < events.size(); seen++) {
                if (wanted.test(events.get(seen))) {
                    return Optional.of(events.get(seen));
                }
            }
            long left = deadlineNanos - System.nanoTime();
            if (closed || left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

}
