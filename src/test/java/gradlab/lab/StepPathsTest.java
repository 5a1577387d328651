package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import gradlab.data.DataSet;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;

/**
 * Every copy's path θ0..θ_k on the landscape's plane: it starts at θ0, passes through the θ
 * that {@code at} gives at each of its steps, ends at θ_k, and the plane holds it.
 */
class StepPathsTest {
    private static final String XOR = "data=xor&n=32&seed=2&hidden=4&act=tanh&loss=bce&lr=0.5&steps=40&batch=8";

    private static LabSpec spec(String query) {
        return LabSpec.parse(query, Limits.DEFAULT, Uploads.NONE);
    }

    private static Parameters theta(String query) {
        return Comparison.compute(spec(query), Limits.DEFAULT, Uploads.NONE).theta();
    }

    @Test
    void eachCopysPathRunsFromTheta0ToThetaKThroughTheStepsOfAt() {
        for (String lab : List.of(XOR, XOR + "&micro=3,5")) {
            LabSpec s = spec(lab + "&at=5");
            DataSet data = LabData.load(s, Uploads.NONE);
            int px = 3;
            int py = 9;
            StepPaths paths = StepPaths.replay(s, data, Limits.DEFAULT, px, py, () -> false);
            assertEquals(Procedures.copies(s), List.copyOf(paths.paths().keySet()), "one path per trained copy, in order");
            Parameters theta0 = theta(lab);
            for (var e : paths.paths().entrySet()) {
                StepPaths.Path p = e.getValue();
                assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, p.steps(), e.getKey().id());
                assertFalse(p.diverged());
                for (int k = 0; k <= 5; k++) {
                    Parameters at = k == 0 ? theta0 : theta(lab + "&at=" + k + "&along=" + e.getKey().id());
                    assertEquals(at.get(px), p.x(k), 1e-12, e.getKey().id() + " x at step " + k);
                    assertEquals(at.get(py), p.y(k), 1e-12, e.getKey().id() + " y at step " + k);
                }
            }
            // the copies part: a naive copy does not follow the correct one
            assertTrue(paths.paths().get(Procedure.MEAN_INPUT).x(5) != paths.paths().get(Procedure.PER_EXAMPLE).x(5)
                    || paths.paths().get(Procedure.MEAN_INPUT).y(5) != paths.paths().get(Procedure.PER_EXAMPLE).y(5));
        }
    }

    @Test
    void aLongPathIsSampledAtMost500TimesAndAlwaysEndsAtK() {
        LabSpec s = spec("data=line&n=8&hidden=2&steps=2000&at=1999&naive=");
        StepPaths paths = StepPaths.replay(s, LabData.load(s, Uploads.NONE), Limits.DEFAULT, 0, 1, () -> false);
        StepPaths.Path p = paths.paths().get(Procedure.PER_EXAMPLE);
        assertTrue(p.size() <= 500, "at most 500 points: " + p.size());
        assertEquals(0, p.steps()[0]);
        assertEquals(1999, p.steps()[p.size() - 1]);
        Parameters end = theta("data=line&n=8&hidden=2&steps=2000&at=1999&naive=");
        assertEquals(end.get(0), p.x(p.size() - 1), 1e-12);
    }

    @Test
    void aCopyThatDivergedStopsAtItsLastFiniteStep() {
        String lab = "data=sine&n=32&hidden=8&lr=1000&steps=500";
        LabSpec s = spec(lab + "&at=400");
        StepPaths paths = StepPaths.replay(s, LabData.load(s, Uploads.NONE), Limits.DEFAULT, 0, 1, () -> false);
        StepPaths.Path p = paths.paths().get(Procedure.MEAN_INPUT);
        assertTrue(p.diverged(), "mean-input diverges with lr = 1000");
        int last = p.steps()[p.size() - 1];
        assertEquals(p.divergedAt() - 1, last, "the last point is the step before the divergence");
        for (int i = 0; i < p.size(); i++) {
            assertTrue(Double.isFinite(p.x(i)) && Double.isFinite(p.y(i)));
        }
    }

    @Test
    void aboveTheBudgetNoPathIsReplayedAndAtThetaZeroNoneIsNeeded() {
        LabSpec s = spec(XOR + "&at=30");
        DataSet data = LabData.load(s, Uploads.NONE);
        long work = StepPaths.work(s, Comparison.model(s, data).scalars());
        assertTrue(StepPaths.replay(s, data, Limits.DEFAULT.withTrainWorkBudget(work), 0, 1, () -> false).budget());
        StepPaths none = StepPaths.replay(s, data, Limits.DEFAULT.withTrainWorkBudget(work - 1), 0, 1, () -> false);
        assertFalse(none.budget());
        assertTrue(none.paths().isEmpty());
        assertTrue(StepPaths.replay(spec(XOR), LabData.load(s, Uploads.NONE), Limits.DEFAULT, 0, 1, () -> false).paths().isEmpty());
    }

    @Test
    void theDefaultAxesAreChosenAtTheta0AndThePlaneHoldsThePaths() {
        LabSpec s = spec(XOR + "&at=20");
        DataSet data = LabData.load(s, Uploads.NONE);
        Landscape atZero = Landscape.compute(Comparison.compute(spec(XOR), Limits.DEFAULT, Uploads.NONE));
        int[] axes = StepPaths.axesAtTheta0(s, data);
        assertArrayEquals(new int[] {atZero.x().index(), atZero.y().index()}, axes);
        StepPaths paths = StepPaths.replay(s, data, Limits.DEFAULT, axes[0], axes[1], () -> false);
        Comparison c = Comparison.compute(s, Limits.DEFAULT, data);
        Landscape l = Landscape.compute(c, axes[0], axes[1], paths);
        assertEquals(20, l.step());
        assertEquals(c.theta().get(axes[0]), l.x().theta0(), "centred on θ_k");
        for (StepPaths.Path p : l.paths().paths().values()) {
            for (int i = 0; i < p.size(); i++) {
                assertTrue(p.x(i) >= l.x().min() && p.x(i) <= l.x().max(), "x inside the window");
                assertTrue(p.y(i) >= l.y().min() && p.y(i) <= l.y().max(), "y inside the window");
            }
        }
    }
}
