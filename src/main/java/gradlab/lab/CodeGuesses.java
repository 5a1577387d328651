package gradlab.lab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wrong class codes per client: one who typed more than {@link #LIMIT} wrong codes within
 * {@link #WINDOW} is refused until the oldest of them is that old, so that codes cannot be
 * guessed by trying them, while everyone else joins as before. The clients remembered are
 * capped; the one unheard of longest is forgotten first.
 */
public final class CodeGuesses {
    public static final int LIMIT = 10;
    public static final Duration WINDOW = Duration.ofMinutes(10);
    /** Clients remembered at once: a few hundred bytes each at most. */
    static final int CLIENTS = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> wrong = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > CLIENTS;
        }
    };

    public CodeGuesses(Clock clock) {
        this.clock = clock;
    }

    /**
     * How long the client must wait before it may try a code again: zero unless it typed
     * {@link #LIMIT} wrong codes within the last {@link #WINDOW}.
     */
    public synchronized Duration wait(String client) {
        Deque<Instant> times = recent(client);
        if (times == null || times.size() < LIMIT) {
            return Duration.ZERO;
        }
        return Duration.between(clock.instant(), times.peekFirst().plus(WINDOW));
    }

    /** The client typed a code that is no class's. */
    public synchronized void wrong(String client) {
        Deque<Instant> times = recent(client);
        if (times == null) {
            times = new ArrayDeque<>();
            wrong.put(client, times);
        }
        times.addLast(clock.instant());
        while (times.size() > LIMIT) {
            times.removeFirst();
        }
    }

    /** The client's wrong codes within the window, oldest first; null (and forgotten) when there are none. */
    private Deque<Instant> recent(String client) {
        Deque<Instant> times = wrong.get(client);
        if (times == null) {
            return null;
        }
        Instant since = clock.instant().minus(WINDOW);
        while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
            times.removeFirst();
        }
        if (times.isEmpty()) {
            wrong.remove(client);
            return null;
        }
        return times;
    }

    /** Forgets the clients whose wrong codes are all older than the window. */
    public synchronized void forgetOld() {
        for (String client : java.util.List.copyOf(wrong.keySet())) {
            recent(client);
        }
    }

    /** Clients remembered now (for tests). */
    synchronized int clients() {
        return wrong.size();
    }
}
