package gradlab.lab;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The server's training runs: a spec submitted here waits for a slot in {@link Runs}, then
 * trains, and tells one listener everything as {@link RunEvent}s, from whichever thread the
 * event happens on (the run's, the stopping server's, the one that cancels or ticks it).
 */
public final class TrainingQueue {
    private final Runs runs;
    private final Limits limits;
    private final Uploads uploads;
    private final LongSupplier clock;
    private final ClientQuota quota;

    /** Runs on {@code runs}; {@code clock} (nanoseconds) times the runs and their places in line. */
    public TrainingQueue(Runs runs, Limits limits, Uploads uploads, LongSupplier clock) {
        this(runs, limits, uploads, clock, new ClientQuota(Integer.MAX_VALUE));
    }

    /** As above, with at most {@code quota}'s runs per client. */
    public TrainingQueue(Runs runs, Limits limits, Uploads uploads, LongSupplier clock, ClientQuota quota) {
        this.runs = runs;
        this.limits = limits;
        this.uploads = uploads;
        this.clock = clock;
        this.quota = quota;
    }

    /**
     * Starts a run of the spec, or puts it in line; throws {@link Runs.BusyException} when the
     * line is full or the server stops. Every run ends with exactly one last event:
     * {@link RunEvent.Finished}, {@link RunEvent.Dropped} or {@link RunEvent.Failed}. The
     * run counts as the one caller's that has no name (the command line, tests).
     */
    public QueuedRun submit(LabSpec spec, Consumer<? super RunEvent> listener) {
        return submit("", spec, listener);
    }

    /**
     * As above, counted against the client's runs: throws {@link ClientQuota.FullException}
     * when the client already has as many as it may. Its place is given back when its run's
     * last event comes — finished, dropped or failed, which Runs makes exactly one — before
     * the listener hears it, so a client told its run ended may start another at once.
     */
    public QueuedRun submit(String client, LabSpec spec, Consumer<? super RunEvent> listener) {
        ClientQuota.Place place = quota.take(client);
        Consumer<RunEvent> counted = e -> {
            if (e.last()) {
                place.giveBack();
            }
            listener.accept(e);
        };
        try {
            return QueuedRun.submit(runs, spec, limits, uploads, clock, counted);
        } catch (RuntimeException refused) {
            // the line is full or the server stops: the run never existed
            place.giveBack();
            throw refused;
        }
    }

    /** The runs each client holds, for tests and the server's own counts. */
    public ClientQuota quota() {
        return quota;
    }
}
