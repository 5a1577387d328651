package gradlab.lab;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import gradlab.data.DataSet;
import gradlab.engine.Batch;
import gradlab.engine.MinibatchSequence;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;
import gradlab.engine.RecordedSteps;
import gradlab.engine.Trainer;

/**
 * Every copy's path through a training run as it goes, on the landscape's two axes (px and py,
 * or those chosen at θ0), read at the run's recorded steps by {@link StepPaths}' own recorder: at
 * the run's last step the paths are those of the comparison at that step. The contours under
 * them are computed at most twice: θ0's slice at the first chart that asks, kept for every later
 * one, and at the end the slice through the last θ of the {@code along} copy (or, if it diverged,
 * of the first copy that did not). Fed and read on the run's thread.
 */
final class RunPaths {
    private final LabSpec spec;
    private final Trainer trainer;
    private final int px;
    private final int py;
    private final Map<Procedure, StepPaths.Recorder> recorders = new LinkedHashMap<>();
    /** The step each copy diverged at, once a record has shown it. */
    private final Map<Procedure, Integer> divergedAt = new LinkedHashMap<>();
    /** The latest recorded step (−1 before the first). */
    private int step = -1;
    private boolean ended;
    private Slice start;
    private RunLandscape end;

    RunPaths(LabSpec spec, DataSet data, Trainer trainer) {
        this.spec = spec;
        this.trainer = trainer;
        int[] axes = StepPaths.axes(spec, data);
        this.px = axes[0];
        this.py = axes[1];
        RecordedSteps sampled = new RecordedSteps(spec.steps());
        for (Trainer.Copy copy : trainer.setup().copies()) {
            recorders.put(copy.procedure(), new StepPaths.Recorder(sampled, px, py));
        }
    }

    /** Reads every copy's θ_k at recorded step k; a copy that has diverged gives its last finite θ, once. */
    void record(Trainer.Record r) {
        step = r.step();
        r.copies().forEach((copy, state) -> {
            StepPaths.Recorder recorder = recorders.get(copy);
            if (!state.diverged()) {
                recorder.pass(r.step(), trainer.theta(copy));
            } else if (!divergedAt.containsKey(copy)) {
                int d = trainer.divergedAt(copy);
                divergedAt.put(copy, d);
                Parameters before = trainer.beforeDivergence(copy);
                if (before != null && d - 1 > recorder.lastStep()) {
                    recorder.pass(d - 1, before);
                }
            }
        });
    }

    /** The run has ended at its latest recorded step: the next landscape is drawn through its last θ. */
    void end() {
        ended = true;
    }

    /** Every copy's path to the latest recorded step. */
    StepPaths paths() {
        Map<Procedure, StepPaths.Path> paths = new LinkedHashMap<>();
        recorders.forEach((copy, r) -> paths.put(copy, r.path(divergedAt.getOrDefault(copy, -1))));
        return new StepPaths(Math.max(0, step), paths, 0, true);
    }

    /** The landscape to draw now: the paths so far over θ0's slice, or at the end over the slice through the last θ. */
    RunLandscape landscape() {
        if (ended) {
            if (end == null) {
                end = atEnd();
            }
            return end;
        }
        return over(theta0Slice(), Optional.empty(), paths(), false);
    }

    private Slice theta0Slice() {
        if (start == null) {
            Batch first = trainer.setup().data().rows(Comparison.minibatches(spec).next());
            start = Landscape.slice(trainer.setup().model(), first, trainer.setup().theta0(), px, py, StepPaths.NONE);
        }
        return start;
    }

    private RunLandscape atEnd() {
        StepPaths paths = paths();
        Optional<Procedure> through = through();
        if (through.isEmpty() || step <= 0) {
            return over(theta0Slice(), Optional.empty(), paths, true);
        }
        // the minibatch of step k + 1, as the comparison at step k has it
        MinibatchSequence minibatches = Comparison.minibatches(spec);
        minibatches.skip(step);
        Batch next = trainer.setup().data().rows(minibatches.next());
        Slice slice = Landscape.slice(trainer.setup().model(), next, trainer.theta(through.get()), px, py, paths);
        return over(slice, through, paths, true);
    }

    /** The along copy if it did not diverge, else the first copy in the training's order that did not. */
    private Optional<Procedure> through() {
        if (!diverged(spec.along()) && recorders.containsKey(spec.along())) {
            return Optional.of(spec.along());
        }
        return recorders.keySet().stream().filter(c -> !diverged(c)).findFirst();
    }

    /** Whether a record has shown the copy diverged (a run ended by its budget may have gone on past its last record). */
    private boolean diverged(Procedure copy) {
        return divergedAt.containsKey(copy);
    }

    private static RunLandscape over(Slice slice, Optional<Procedure> through, StepPaths paths, boolean end) {
        return new RunLandscape(slice, through, paths, Landscape.holding(slice.x(), paths, true),
                Landscape.holding(slice.y(), paths, false), end);
    }
}
