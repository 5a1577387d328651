package gradlab.lab;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import gradlab.data.DataSet;
import gradlab.engine.Batched;
import gradlab.engine.Model;
import gradlab.engine.Trainer;

/**
 * A spec turned into a training run: θ0, the data, the minibatch order and the copies, all
 * from the spec's seed, so that step 0 is exactly the comparison's θ0 and batch; and the run
 * itself, told as {@link RunEvent}s.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    public static Trainer trainer(LabSpec spec, Limits limits, Uploads uploads) {
        return trainer(spec, LabData.load(spec, uploads), limits);
    }

    /** The same, on the spec's data set already loaded (the caller draws pictures of it too). */
    public static Trainer trainer(LabSpec spec, DataSet data, Limits limits) {
        Model model = Comparison.model(spec, data);
        return new Trainer(new Trainer.Setup(model, model.initial(Seeds.INITIAL_PARAMETERS.random(spec.seed())),
                LabData.batch(data), Comparison.minibatches(spec), Procedures.trained(spec), new Batched(),
                spec.lr(), spec.steps(), limits.trainWorkBudget(), recordsNoiseScale(spec.n(), model.scalars())));
    }

    /** The most n × scalars for which the correct copy's records hold B_simple: a large run pays nothing for it. */
    static final long MAX_NOISE_SCALE_WORK = 1_000_000L;

    /** Whether a run over n examples of a network of this many scalars records B_simple. */
    static boolean recordsNoiseScale(int n, int scalars) {
        return (long) n * scalars <= MAX_NOISE_SCALE_WORK;
    }

    /**
     * About the memory a run of the spec holds while it trains: its data, the buffers of one
     * pass over all of it (the cost at a recorded step: every layer's values and errors, row by
     * row) and every copy's θ, its previous θ, its θ at the latest record and its gradient.
     */
    public static long bytes(LabSpec spec, int inputs, int outputs) {
        int[] sizes = spec.sizes(inputs, outputs);
        long widths = 0;
        long widest = 0;
        long scalars = 0;
        for (int l = 1; l < sizes.length; l++) {
            widths += sizes[l];
            widest = Math.max(widest, sizes[l]);
            scalars += (long) sizes[l] * (sizes[l - 1] + 1);
        }
        int copies = Procedures.copies(spec).size();
        long doubles = (long) spec.n() * (inputs + outputs + 2 * widths + 2 * widest) + 4L * copies * scalars;
        return 8 * doubles;
    }

    /** Trains the spec to its end on this thread (the command line): each recorded step, then the summary. */
    public static void train(LabSpec spec, Limits limits, Uploads uploads, Consumer<? super RunEvent> listener) {
        train(spec, limits, uploads, System::nanoTime, () -> false, listener);
    }

    /**
     * Trains the spec on this thread, telling the listener each recorded step and then the
     * summary, with the seconds since the run began on {@code clock} (in nanoseconds).
     * {@code stop} is asked between steps: once it says yes, the run ends as stopped. An
     * error (data that cannot be loaded, a bug) is thrown to the caller.
     */
    public static void train(LabSpec spec, Limits limits, Uploads uploads, LongSupplier clock, BooleanSupplier stop,
                             Consumer<? super RunEvent> listener) {
        DataSet data = LabData.load(spec, uploads);
        Trainer trainer = trainer(spec, data, limits);
        RunSoFar run = new RunSoFar(spec, data, trainer);
        long start = clock.getAsLong();
        Trainer.Summary summary = trainer.run(record -> {
            run.add(record);
            listener.accept(new RunEvent.Recorded(record, seconds(clock.getAsLong() - start), run));
        }, stop);
        run.end();
        listener.accept(new RunEvent.Finished(summary, seconds(clock.getAsLong() - start), run));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
