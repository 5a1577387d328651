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

    /** Runs on {@code runs}; {@code clock} (nanoseconds) times the runs and their places in line. */
    public TrainingQueue(Runs runs, Limits limits, Uploads uploads, LongSupplier clock) {
        this.runs = runs;
        this.limits = limits;
        this.uploads = uploads;
        this.clock = clock;
    }

    /**
     * Starts a run of the spec, or puts it in line; throws {@link Runs.BusyException} when the
     * line is full or the server stops. Every run ends with exactly one last event:
     * {@link RunEvent.Finished}, {@link RunEvent.Dropped} or {@link RunEvent.Failed}.
     */
    public QueuedRun submit(LabSpec spec, Consumer<? super RunEvent> listener) {
        return QueuedRun.submit(runs, spec, limits, uploads, clock, listener);
    }
}
