package gradlab.web;

import java.util.List;
import java.util.function.BiFunction;
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
import gradlab.lab.Landscape;
import gradlab.lab.Limits;
import gradlab.lab.MemoryBudget;
import gradlab.lab.Param;
import gradlab.lab.Query;
import gradlab.lab.Runs;
import gradlab.lab.StepPaths;
import gradlab.lab.TrainingQueue;
import gradlab.lab.TrainingRun;
import gradlab.lab.Uploads;
import gradlab.lab.ValidationException;

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

    /** The landscape's axes: indices into θ, the landscape's parameters and not the lab's. */
    static final List<String> AXES = List.of("px", "py");

    /**
     * The query's comparison and its landscape, handed to {@code draw}: on the axes px and py
     * when both name different scalars of θ, else on those chosen at θ0; at a step k, with
     * every copy's path θ_0..θ_k replayed on them (a long replay waits in the training line).
     */
    <T> T landscape(String client, Query query, BiFunction<Comparison, Landscape, T> draw) throws InterruptedException {
        Query own = query.without(AXES);
        LabSpec spec = LabSpec.parse(own, limits, uploads);
        DataSet data = LabData.load(spec, uploads);
        Model model = Comparison.model(spec, data);
        Comparison.checkWork(spec, model, limits);
        int[] axes = axes(query, spec, data, model.scalars());
        StepPaths paths = paths(client, spec, data, model, axes);
        return compare(client, own, ComparisonMemory.Extent.LANDSCAPE, c -> draw.apply(c, axes == null
                ? Landscape.compute(c) : Landscape.compute(c, axes[0], axes[1], paths)));
    }

    /** px and py when both name different scalars; else at a step, the axes chosen at θ0; else null (the comparison's own, at θ0). */
    private static int[] axes(Query query, LabSpec spec, DataSet data, int scalars) {
        Integer px = axis(query.get("px"), scalars);
        Integer py = axis(query.get("py"), scalars);
        if (px != null && py != null && !px.equals(py)) {
            return new int[] {px, py};
        }
        return spec.at() == 0 ? null : StepPaths.axesAtTheta0(spec, data);
    }

    private static Integer axis(String text, int scalars) {
        if (text == null || !text.matches("[0-9]{1,6}")) {
            return null;
        }
        int j = Integer.parseInt(text);
        return j < scalars ? j : null;
    }

    /** Every copy's path to step k on the axes; a long replay waits in the training line as a run does. */
    private StepPaths paths(String client, LabSpec spec, DataSet data, Model model, int[] axes) throws InterruptedException {
        if (spec.at() == 0 || axes == null) {
            return StepPaths.NONE;
        }
        long work = StepPaths.work(spec, model.scalars());
        if (work <= QUEUED_REPLAY_WORK || work > limits.trainWorkBudget()) {
            return StepPaths.replay(spec, data, limits, axes[0], axes[1], () -> false);
        }
        return trainings.await(client, TrainingRun.bytes(spec, data.inputs(), data.targets()),
                stop -> StepPaths.replay(spec, data, limits, axes[0], axes[1], stop));
    }

    /** The step's parameters: a page refused on one of them can still show the lab at another step. */
    static final List<String> STEP = List.of(Param.AT.id(), Param.ALONG.id());

    /**
     * The comparison nearest a query refused on at or along, handed to {@code draw}: at the step
     * before the one where the copy diverged when the refusal names it, else at θ0; on the correct
     * copy when along was refused. A refusal on another parameter, or one the nearer labs still
     * meet after a few tries, is thrown as it was.
     */
    <T> T nearest(String client, Query query, ValidationException refused, Function<Comparison, T> draw)
            throws InterruptedException {
        Query q = query;
        ValidationException e = refused;
        for (int tries = 0; tries < 3 && STEP.contains(e.param()); tries++) {
            Query from = q;
            q = e.param().equals(Param.AT.id())
                    ? e.nearestGood().map(k -> from.with(Param.AT.id(), k)).orElseGet(() -> from.without(List.of(Param.AT.id())))
                    : from.without(List.of(Param.ALONG.id()));
            try {
                return compare(client, q, ComparisonMemory.Extent.COMPARISON, draw);
            } catch (ValidationException again) {
                e = again;
            }
        }
        throw refused;
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
