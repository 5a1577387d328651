package gradlab.lab;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import gradlab.data.DataSet;
import gradlab.engine.GradientProcedure;
import gradlab.engine.Model;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;
import gradlab.engine.RecordedSteps;
import gradlab.engine.Trainer;

/**
 * Every trained copy's way from θ0 to θ_k, projected on the landscape's two axes px and py:
 * each copy is replayed by the training's own steps ({@link Trainer#replay}), and θ's two
 * scalars are read at the steps a run of k steps would record (at most 500, always 0 and k).
 *
 * @param step   k, the last step of every path
 * @param paths  each copy's path, in the training's order (empty at k = 0, or when the replay is above the budget)
 * @param work   examples × scalars the replays cost
 * @param budget whether the replays fit the server's training work budget (when not, no path is drawn)
 */
public record StepPaths(int step, Map<Procedure, Path> paths, long work, boolean budget) {

    /**
     * One copy's path: the points (x[i], y[i]) at steps[i], in order. A copy that diverged
     * before k stops at its last finite θ.
     *
     * @param divergedAt the step at which it diverged, or −1
     */
    public record Path(int[] steps, double[] x, double[] y, int divergedAt) {
        public Path {
            steps = steps.clone();
            x = x.clone();
            y = y.clone();
        }

        @Override
        public int[] steps() {
            return steps.clone();
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        public int size() {
            return x.length;
        }

        public double x(int i) {
            return x[i];
        }

        public double y(int i) {
            return y[i];
        }

        public boolean diverged() {
            return divergedAt >= 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Path p && Arrays.equals(steps, p.steps) && Arrays.equals(x, p.x)
                    && Arrays.equals(y, p.y) && divergedAt == p.divergedAt;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
        }

        @Override
        public String toString() {
            return "Path[" + x.length + " points" + (diverged() ? ", diverged at " + divergedAt : "") + "]";
        }
    }

    public StepPaths {
        paths = Collections.unmodifiableMap(new LinkedHashMap<>(paths));
    }

    /** No paths: the comparison is at θ0. */
    public static final StepPaths NONE = new StepPaths(0, Map.of(), 0, true);

    /** What replaying every copy of the spec to its step {@code at} costs: copies × k × batch × scalars. */
    public static long work(LabSpec spec, long scalars) {
        return (long) Procedures.copies(spec).size() * spec.at() * spec.batch() * scalars;
    }

    /**
     * Every copy's path to step {@code at}, on the axes px and py: none at k = 0, and none (said
     * so) when the replays are above the training work budget. {@code stop} is asked between
     * steps; once it says yes (the server stops), this ends with {@link Runs.BusyException}.
     */
    public static StepPaths replay(LabSpec spec, DataSet data, Limits limits, int px, int py, BooleanSupplier stop) {
        int k = spec.at();
        if (k == 0) {
            return NONE;
        }
        Model model = Comparison.model(spec, data);
        long work = work(spec, model.scalars());
        if (work > limits.trainWorkBudget()) {
            return new StepPaths(k, Map.of(), work, false);
        }
        RecordedSteps sampled = new RecordedSteps(k);
        Map<Procedure, Path> paths = new LinkedHashMap<>();
        for (Procedure copy : Procedures.copies(spec)) {
            // a replay draws its minibatches from its own trainer's sequence: one trainer each
            Trainer trainer = TrainingRun.trainer(spec, data, limits);
            Recorder r = new Recorder(sampled, px, py);
            Trainer.Position end = trainer.replay(copy, 0, trainer.setup().theta0(), k, here -> r.pass(here.step(), here.theta()),
                    stop);
            if (!end.diverged() && end.step() < k) {
                throw new Runs.BusyException();
            }
            paths.put(copy, r.path(end.diverged() ? end.divergedAt() : -1));
        }
        return new StepPaths(k, paths, work, true);
    }

    /** The landscape's axes for a spec: px and py where it names both, else those chosen at θ0. */
    public static int[] axes(LabSpec spec, DataSet data) {
        if (spec.px() != null && spec.py() != null) {
            return new int[] {spec.px(), spec.py()};
        }
        return axesAtTheta0(spec, data);
    }

    /**
     * The default axes of the landscape, chosen at θ0: the two scalars with the largest
     * |per-example gradient| on the first minibatch ({@link Landscape#defaultAxes}), whatever the step.
     */
    public static int[] axesAtTheta0(LabSpec spec, DataSet data) {
        Model model = Comparison.model(spec, data);
        Parameters theta0 = Comparison.theta0(spec, model);
        var batch = LabData.batch(data).rows(Comparison.minibatches(spec).next());
        GradientProcedure reference = Procedures.compared(spec.atStep(0, Procedure.REFERENCE), model).stream()
                .filter(p -> p.procedure() == Procedure.REFERENCE).findFirst().orElseThrow();
        return Landscape.defaultAxes(reference.gradient(model, theta0, batch).flat());
    }

    /**
     * Reads θ's two scalars at the sampled steps, and at the last finite θ passed: the one piece
     * that projects and samples a copy's path, for a replay as for a run that is going on. Steps
     * are passed in increasing order; a path can be asked for at any time.
     */
    static final class Recorder {
        private final int[] steps;
        private final double[] x;
        private final double[] y;
        private final RecordedSteps sampled;
        private final int px;
        private final int py;
        private int count;
        /** The last two finite points passed: a copy that diverged stops at the one before its divergence. */
        private final int[] lastSteps = {-1, -1};
        private final double[][] last = new double[2][2];

        Recorder(RecordedSteps sampled, int px, int py) {
            int most = sampled.count() + 1;
            this.steps = new int[most];
            this.x = new double[most];
            this.y = new double[most];
            this.sampled = sampled;
            this.px = px;
            this.py = py;
        }

        void pass(int step, Parameters theta) {
            double u = theta.get(px);
            double v = theta.get(py);
            if (!Double.isFinite(u) || !Double.isFinite(v)) {
                return;
            }
            lastSteps[0] = lastSteps[1];
            last[0] = last[1];
            lastSteps[1] = step;
            last[1] = new double[] {u, v};
            if (sampled.contains(step)) {
                steps[count] = step;
                x[count] = u;
                y[count] = v;
                count++;
            }
        }

        /** The step of the last finite θ passed, or −1. */
        int lastStep() {
            return lastSteps[1];
        }

        /** The points at the steps before {@code divergedAt} (all, when it is −1), the last one passed among them. */
        Path path(int divergedAt) {
            int end = divergedAt < 0 ? Integer.MAX_VALUE : divergedAt;
            int n = count;
            while (n > 0 && steps[n - 1] >= end) {
                n--;
            }
            int j = lastSteps[1] >= 0 && lastSteps[1] < end ? 1 : lastSteps[0] >= 0 && lastSteps[0] < end ? 0 : -1;
            boolean add = j >= 0 && (n == 0 || steps[n - 1] != lastSteps[j]);
            int size = add ? n + 1 : n;
            int[] s = Arrays.copyOf(steps, size);
            double[] u = Arrays.copyOf(x, size);
            double[] v = Arrays.copyOf(y, size);
            if (add) {
                s[n] = lastSteps[j];
                u[n] = last[j][0];
                v[n] = last[j][1];
            }
            return new Path(s, u, v, divergedAt);
        }
    }
}
