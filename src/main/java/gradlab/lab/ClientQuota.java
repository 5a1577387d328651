package gradlab.lab;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most so many training runs per client at once, waiting or running, so that one client
 * cannot hold the whole line. A client is a name its caller chooses (a cookie, an address);
 * a client with no run is forgotten, so the map holds only clients with runs.
 */
public final class ClientQuota {
    private final int perClient;
    private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

    public ClientQuota(int perClient) {
        if (perClient < 1) {
            throw new IllegalArgumentException("a client needs at least one run; got " + perClient);
        }
        this.perClient = perClient;
    }

    /** The client already has as many runs as it may. */
    public static final class FullException extends RuntimeException {
        private final int runs;

        FullException(int runs) {
            super("You already have " + runs + (runs == 1 ? " training run" : " training runs")
                    + " waiting or running: stop one, or wait for one to end, then train again", null, false, false);
            this.runs = runs;
        }

        /** How many runs the client has, which is as many as it may have. */
        public int runs() {
            return runs;
        }
    }

    /** One of a client's places, held until given back; giving it back twice counts once. */
    public final class Place {
        private final String client;
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Place(String client) {
            this.client = client;
        }

        public void giveBack() {
            if (held.compareAndSet(true, false)) {
                ClientQuota.this.held.computeIfPresent(client, (k, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    /** A place for one more run of the client; throws {@link FullException} if it has all its places. */
    public Place take(String client) {
        held.compute(client, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= perClient) {
                throw new FullException(now);
            }
            return now + 1;
        });
        return new Place(client);
    }

    /** The runs the client holds now. */
    public int held(String client) {
        return held.getOrDefault(client, 0);
    }

    /** The runs every client holds now, together. */
    public int held() {
        return held.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many clients hold runs now. */
    public int clients() {
        return held.size();
    }

    /** The most runs a client may hold. */
    public int perClient() {
        return perClient;
    }
}
