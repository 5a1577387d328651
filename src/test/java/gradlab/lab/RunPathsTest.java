package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import gradlab.data.DataSet;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;
import gradlab.engine.RecordedSteps;
import gradlab.engine.Trainer;

/**
 * DESIGN "The comparison at a training step": while a run streams, every copy's path is drawn
 * over the contours of θ0's slice, computed once; at the end the contours are drawn again, and the
 * paths are then exactly those of the comparison at the last step.
 */
class RunPathsTest {
    private static final String XOR = "data=xor&n=32&seed=2&hidden=4&act=tanh&loss=bce&lr=0.5&steps=40&batch=8";

    private static LabSpec spec(String query) {
        return LabSpec.parse(query, Limits.DEFAULT, Uploads.NONE);
    }

    /** The run's landscape at every recorded step, then at its end. */
    private static List<RunLandscape> landscapes(LabSpec spec) {
        List<RunLandscape> out = new ArrayList<>();
        TrainingRun.train(spec, Limits.DEFAULT, Uploads.NONE, e -> {
            if (e instanceof RunEvent.Recorded r) {
                out.add(r.run().landscape());
            } else if (e instanceof RunEvent.Finished f) {
                out.add(f.run().landscape());
            }
        });
        return out;
    }

    /** Each copy's θ at every step 0..k, from replays of its own: {copy: {step: θ}}. */
    private static Map<Procedure, Map<Integer, Parameters>> replayed(LabSpec spec, int k) {
        DataSet data = LabData.load(spec, Uploads.NONE);
        Map<Procedure, Map<Integer, Parameters>> out = new HashMap<>();
        for (Procedure copy : Procedures.copies(spec)) {
            Trainer trainer = TrainingRun.trainer(spec, data, Limits.DEFAULT);
            Map<Integer, Parameters> thetas = new HashMap<>();
            trainer.replay(copy, 0, trainer.setup().theta0(), k, here -> thetas.put(here.step(), here.theta().copy()),
                    () -> false);
            out.put(copy, thetas);
        }
        return out;
    }

    @Test
    void whileTheRunGoesEveryPointIsThetaOfItsRecordedStepOverTheta0sSliceComputedOnce() {
        for (String lab : List.of(XOR, XOR + "&micro=3,5&along=mean-error")) {
            LabSpec spec = spec(lab);
            DataSet data = LabData.load(spec, Uploads.NONE);
            int[] axes = StepPaths.axesAtTheta0(spec, data);
            List<RunLandscape> seen = landscapes(spec);
            Map<Procedure, Map<Integer, Parameters>> thetas = replayed(spec, spec.steps());
            RecordedSteps recorded = new RecordedSteps(spec.steps());
            // the lab's landscape at θ0: the same plane, the same contours
            Landscape atZero = Landscape.compute(Comparison.compute(spec, Limits.DEFAULT, data));
            assertArrayEquals(new int[] {atZero.x().index(), atZero.y().index()}, axes);
            RunLandscape first = seen.get(0);
            assertEquals(atZero.slice(), first.slice(), "θ0's slice is the lab's landscape at θ0");
            for (RunLandscape l : seen.subList(0, seen.size() - 1)) {
                assertFalse(l.end());
                assertEquals(Optional.empty(), l.through());
                assertSame(first.slice(), l.slice(), "the contours are computed once, not at every chart");
                assertEquals(Procedures.copies(spec), List.copyOf(l.paths().paths().keySet()));
                l.paths().paths().forEach((copy, p) -> {
                    assertEquals(l.paths().step(), p.steps()[p.size() - 1], copy + " ends at the latest record");
                    for (int i = 0; i < p.size(); i++) {
                        int k = p.steps()[i];
                        assertTrue(recorded.contains(k), "a recorded step: " + k);
                        Parameters theta = thetas.get(copy).get(k);
                        assertEquals(theta.get(axes[0]), p.x(i), 0.0, copy + " x at step " + k);
                        assertEquals(theta.get(axes[1]), p.y(i), 0.0, copy + " y at step " + k);
                    }
                    assertTrue(l.x().min() <= min(p.x()) && max(p.x()) <= l.x().max(), "the window holds " + copy);
                    assertTrue(l.y().min() <= min(p.y()) && max(p.y()) <= l.y().max(), "the window holds " + copy);
                });
            }
        }
    }

    @Test
    void atTheEndThePathsAndContoursAreTheComparisonsAtTheLastStep() {
        for (String lab : List.of(XOR, XOR + "&micro=3,5&along=mean-error", XOR + "&px=3&py=9&along=mean-input")) {
            LabSpec spec = spec(lab);
            DataSet data = LabData.load(spec, Uploads.NONE);
            List<RunLandscape> seen = landscapes(spec);
            RunLandscape end = seen.get(seen.size() - 1);
            assertTrue(end.end());
            assertEquals(Optional.of(spec.along()), end.through(), "drawn again through the along copy's last θ");
            assertEquals(spec.steps(), end.sliceStep());
            int[] axes = StepPaths.axes(spec, data);
            LabSpec last = spec.atStep(spec.steps(), spec.along());
            StepPaths replayed = StepPaths.replay(last, data, Limits.DEFAULT, axes[0], axes[1], () -> false);
            assertEquals(replayed.paths(), end.paths().paths(), "the paths of the comparison at the last step, exactly");
            Comparison c = Comparison.compute(last, Limits.DEFAULT, data);
            Landscape landscape = Landscape.compute(c, axes[0], axes[1], replayed);
            assertEquals(landscape.slice(), end.slice(), "the contours of the lab's landscape at the last step");
            assertEquals(end.slice().x(), end.x(), "the slice's window holds the paths");
        }
    }

    @Test
    void aDivergedCopysPathStopsAtItsLastFiniteThetaAsTheComparisonsDoes() {
        LabSpec spec = spec("data=sine&n=32&hidden=8&lr=1000&steps=500");
        DataSet data = LabData.load(spec, Uploads.NONE);
        int[] axes = StepPaths.axes(spec, data);
        List<RunLandscape> seen = landscapes(spec);
        RunLandscape end = seen.get(seen.size() - 1);
        StepPaths replayed = StepPaths.replay(spec.atStep(spec.steps(), spec.along()), data, Limits.DEFAULT, axes[0], axes[1],
                () -> false);
        StepPaths.Path p = end.paths().paths().get(Procedure.MEAN_INPUT);
        assertTrue(p.diverged(), "mean-input diverges with lr = 1000");
        assertEquals(p.divergedAt() - 1, p.steps()[p.size() - 1], "its last point is the step before the divergence");
        assertEquals(replayed.paths().get(Procedure.MEAN_INPUT), p);
        for (RunLandscape l : seen) {
            l.paths().paths().values().forEach(path -> {
                for (int i = 0; i < path.size(); i++) {
                    assertTrue(Double.isFinite(path.x(i)) && Double.isFinite(path.y(i)), "never a non-finite point");
                }
            });
        }
        // the slice at the end goes through a copy that did not diverge, or, if every one did, stays θ0's
        end.through().ifPresent(copy -> assertFalse(end.paths().paths().get(copy).diverged(), copy.id()));
        if (end.through().isEmpty()) {
            assertSame(seen.get(0).slice(), end.slice());
        }
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(0);
    }
}
