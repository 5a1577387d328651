package gradlab.web;

import java.util.function.Function;

import gradlab.data.DataSet;
import gradlab.engine.Model;
import gradlab.engine.Trainer;
import gradlab.lab.Checkpoints;
import gradlab.lab.ClientQuota;
import gradlab.lab.Comparison;
import gradlab.lab.ComparisonMemory;
import gradlab.lab.LabData;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.MemoryBudget;
import gradlab.lab.Query;
import gradlab.lab.Runs;
import gradlab.lab.TrainingQueue;
import gradlab.lab.TrainingRun;
import gradlab.lab.Uploads;

/**
 * What the handlers share: the limits, the uploads, the training runs, the comparisons' memory,
 * the θs kept for comparisons at a training step.
 */
final class Lab {
    /**
     * A replay of more than this many examples × scalars (DESIGN: 10⁸, some tenths of a second)
     * waits in the training line and counts as one of the client's runs.
     */
    static final long QUEUED_REPLAY_WORK = 100_000_000L;

    private final Limits limits;
    private final Uploads uploads;
    private final TrainingQueue trainings;
    private final MemoryBudget memory;
    /** θ at some training steps, so that the comparison at the next step replays one step. */
    private final Checkpoints checkpoints = new Checkpoints(Checkpoints.DEFAULT_BYTES);

    Lab(Limits limits, Uploads uploads, Runs runs, ClientQuota quota, MemoryBudget memory) {
        this.limits = limits;
        this.uploads = uploads;
        this.trainings = new TrainingQueue(runs, limits, uploads, System::nanoTime, quota);
        this.memory = memory;
    }

    LabSpec spec(String query) {
        return LabSpec.parse(query, limits, uploads);
    }

    /**
     * The query's comparison, handed to {@code draw} while the memory they need together is
     * held; throws {@link MemoryBudget.FullException} when other comparisons hold it. A
     * comparison above the work limit is refused before it waits for memory.
     */
    <T> T compare(String client, Query query, ComparisonMemory.Extent extent, Function<Comparison, T> draw)
            throws InterruptedException {
        LabSpec spec = LabSpec.parse(query, limits, uploads);
        DataSet data = LabData.load(spec, uploads);
        Model model = Comparison.model(spec, data);
        Comparison.checkWork(spec, model, limits);
        // a long replay waits in the training line holding no memory of the comparisons'
        Trainer.Position queued = queued(client, spec, data, model);
        try (MemoryBudget.Lease held = memory.admit(ComparisonMemory.bytes(spec, model, extent))) {
            // a short replay needs one pass over the batch at a time, fewer than the comparison after it
            Trainer.Position at = queued != null ? queued : checkpoints.reach(spec, data, limits, () -> false);
            return draw.apply(Comparison.compute(spec, limits, data, at));
        }
    }

    <T> T compare(String client, String query, Function<Comparison, T> draw) throws InterruptedException {
        return compare(client, Query.parse(query), ComparisonMemory.Extent.COMPARISON, draw);
    }

    /**
     * θ_k of the spec's copy and its next minibatch when the replay from the nearest kept θ is
     * long: reached in a training slot, counted as one of the client's runs; null for a short one.
     */
    private Trainer.Position queued(String client, LabSpec spec, DataSet data, Model model) throws InterruptedException {
        if (checkpoints.work(spec, model.scalars()) <= QUEUED_REPLAY_WORK) {
            return null;
        }
        return trainings.await(client, TrainingRun.bytes(spec, data.inputs(), data.targets()),
                stop -> checkpoints.reach(spec, data, limits, stop));
    }

    Limits limits() {
        return limits;
    }

    Uploads uploads() {
        return uploads;
    }

    TrainingQueue trainings() {
        return trainings;
    }

    MemoryBudget memory() {
        return memory;
    }
}
