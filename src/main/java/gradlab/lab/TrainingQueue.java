package gradlab.lab;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
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

    /**
     * Computes {@code work} in a training slot, counted as one of the client's runs, and waits
     * for its answer: long work for a request (a comparison's replay of many training steps)
     * waits in line behind the runs and takes turns with them, as a run does. {@code work} is
     * given what to ask between its steps: true once it should end (the server stops). Throws
     * {@link ClientQuota.FullException} when the client has all its runs, and
     * {@link Runs.BusyException} when the line is full, or the server stops before the work ends.
     */
    public <T> T await(String client, long bytes, Function<BooleanSupplier, T> work)
            throws InterruptedException {
        ClientQuota.Place place = quota.take(client);
        CompletableFuture<T> answer = new CompletableFuture<>();
        Runs.Run slot;
        try {
            slot = runs.submit(new Runs.Job() {
                @Override
                public void run(Runs.Run run) {
                    try {
                        answer.complete(work.apply(() -> {
                            run.takeTurns();
                            return run.cancelled();
                        }));
                    } catch (RuntimeException | Error e) {
                        answer.completeExceptionally(e);
                    } finally {
                        place.giveBack();
                    }
                }

                @Override
                public void dropped(RunEvent.Dropped.Why why) {
                    place.giveBack();
                    answer.completeExceptionally(new Runs.BusyException());
                }

                @Override
                public Runnable stopping() {
                    // the work sees the server stop at its next step, and its waiter is told then
                    return () -> { };
                }
            }, bytes);
        } catch (RuntimeException refused) {
            place.giveBack();
            throw refused;
        }
        try {
            return answer.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            // the waiter went away (interrupted): a waiting run leaves the line, a running one stops
            slot.cancel();
        }
    }

    /** The runs each client holds, for tests and the server's own counts. */
    public ClientQuota quota() {
        return quota;
    }
}
