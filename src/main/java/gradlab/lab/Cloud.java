package gradlab.lab;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import gradlab.engine.ExampleGradients;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;

/**
 * The gradient cloud: every example's own gradient g_i projected on a plane, their mean (which
 * is the correct gradient c), the running mean of g_1..g_k, and each naive gradient's
 * projection. The plane {@code naive} has e1 = c/‖c‖ and e2 = the unit vector of the chosen
 * naive gradient's part orthogonal to c; where c or that part is below 1e-12 of the largest
 * ‖g_i‖ (or no naive procedure is compared), the plane of two parameters is used instead. The
 * projections come from each example's factors, so no g_i is written out.
 *
 * @param plane     the plane asked for
 * @param naive     the naive procedure that spans the naive plane, if it is the one drawn
 * @param fellBack  why the parameters' plane is drawn though the naive one was asked for (empty: it was not)
 * @param xName     the horizontal axis in words
 * @param yName     the vertical axis in words
 * @param x         each example's g_i · e1, in batch order
 * @param y         each example's g_i · e2
 * @param norms     each example's ‖g_i‖
 * @param meanX     c · e1, the correct gradient's projection
 * @param meanY     c · e2
 * @param runningX  the running mean of x at k = 1..B
 * @param runningY  the running mean of y
 * @param arrows    each naive gradient's projection, in the comparison's order
 * @param drawn     the examples drawn: all of them, or a seeded sample of {@link #MAX_POINTS}, in batch order
 */
public record Cloud(CloudPlane plane, Optional<Procedure> naive, String fellBack, String xName, String yName,
                    double[] x, double[] y, double[] norms, double meanX, double meanY, double[] runningX,
                    double[] runningY, Map<Procedure, double[]> arrows, int[] drawn) {

    /** The most dots drawn (DESIGN allows 2000; this many keep the largest page within its weight). */
    public static final int MAX_POINTS = 500;
    /** c, or the naive gradient's part across it, below this share of the largest ‖g_i‖ counts as zero. */
    static final double NEGLIGIBLE = 1e-12;

    /** The comparison's cloud, computed in the same pass over the batch as its other per-example facts. */
    public static Cloud of(Comparison c) {
        return c.examples().cloud();
    }

    /**
     * The cloud built while a pass visits the batch's examples in order: each example's
     * projections on both candidate planes (the naive one, where c and the naive gradient's part
     * across it are not zero, and the two parameters), the choice made at the end, once the
     * largest ‖g_i‖ is known.
     */
    static final class Pass {
        private final CloudPlane asked;
        private final Parameters correct;
        private final Map<Procedure, Parameters> gradients;
        private final int seed;
        private final Optional<Procedure> naive;
        private final double cNorm;
        private final double acrossNorm;
        /** The naive plane's axes (null where c or the part across it is zero). */
        private final Parameters e1;
        private final Parameters e2;
        private final int[] axes;
        private final double[] norms;
        private final double[] naiveX;
        private final double[] naiveY;
        private final double[] paramsX;
        private final double[] paramsY;

        Pass(LabSpec spec, Map<Procedure, Parameters> gradients, int b) {
            this.asked = spec.plane();
            this.correct = gradients.get(Procedure.REFERENCE);
            this.gradients = gradients;
            this.seed = spec.seed();
            this.naive = asked.params() ? Optional.empty()
                    : asked.naive().or(() -> gradients.keySet().stream().filter(Procedure::isNaive).findFirst());
            double[] cf = correct.flat();
            this.cNorm = norm(cf);
            Parameters first = null;
            Parameters second = null;
            double across = 0;
            if (naive.isPresent() && cNorm > 0) {
                double[] g = gradients.get(naive.get()).flat();
                double[] u = scaled(cf, 1 / cNorm);
                // the naive gradient's part across c: g − (g·e1) e1
                double along = dot(g, u);
                double[] part = g.clone();
                for (int k = 0; k < part.length; k++) {
                    part[k] -= along * u[k];
                }
                across = norm(part);
                if (across > 0) {
                    first = shaped(correct, u);
                    second = shaped(correct, scaled(part, 1 / across));
                }
            }
            this.acrossNorm = across;
            this.e1 = first;
            this.e2 = second;
            this.axes = spec.px() != null && spec.py() != null ? new int[] {spec.px(), spec.py()}
                    : Landscape.defaultAxes(cf);
            this.norms = new double[b];
            this.naiveX = new double[b];
            this.naiveY = new double[b];
            this.paramsX = new double[b];
            this.paramsY = new double[b];
        }

        /** Example i of the batch, seen through its factors. */
        void add(int i, ExampleGradients.Factors f, double norm) {
            norms[i] = norm;
            if (e1 != null) {
                naiveX[i] = f.dot(e1);
                naiveY[i] = f.dot(e2);
            }
            paramsX[i] = f.component(axes[0]);
            paramsY[i] = f.component(axes[1]);
        }

        Cloud finish() {
            double largest = 0;
            for (double n : norms) {
                largest = Math.max(largest, n);
            }
            String fellBack = "";
            if (!asked.params()) {
                if (naive.isEmpty()) {
                    fellBack = "no naive procedure is compared";
                } else if (largest == 0 || !(cNorm > NEGLIGIBLE * largest)) {
                    fellBack = "the correct gradient is zero here";
                } else if (e1 == null || !(acrossNorm > NEGLIGIBLE * largest)) {
                    fellBack = naive.get().id() + " points along the correct gradient here";
                }
            }
            boolean onNaive = !asked.params() && fellBack.isEmpty();
            double[] x = onNaive ? naiveX : paramsX;
            double[] y = onNaive ? naiveY : paramsY;
            int b = x.length;
            double[] runningX = new double[b];
            double[] runningY = new double[b];
            double sumX = 0;
            double sumY = 0;
            for (int i = 0; i < b; i++) {
                sumX += x[i];
                sumY += y[i];
                runningX[i] = sumX / (i + 1);
                runningY[i] = sumY / (i + 1);
            }
            Map<Procedure, double[]> arrows = new LinkedHashMap<>();
            gradients.forEach((id, g) -> {
                if (id.isNaive()) {
                    arrows.put(id, project(g.flat(), onNaive));
                }
            });
            double[] mean = project(correct.flat(), onNaive);
            return new Cloud(asked, onNaive ? naive : Optional.empty(), fellBack,
                    onNaive ? "along the correct gradient" : correct.scalarName(axes[0]),
                    onNaive ? "across it, toward " + naive.get().id() : correct.scalarName(axes[1]),
                    x, y, norms, mean[0], mean[1], runningX, runningY, arrows, drawn(b, seed));
        }

        private double[] project(double[] g, boolean onNaive) {
            return onNaive ? new double[] {dot(g, e1.flat()), dot(g, e2.flat())} : new double[] {g[axes[0]], g[axes[1]]};
        }
    }

    /** Every example when there are at most MAX_POINTS; else a seeded sample of that many, in batch order. */
    static int[] drawn(int b, int seed) {
        if (b <= MAX_POINTS) {
            return java.util.stream.IntStream.range(0, b).toArray();
        }
        // a partial Fisher–Yates shuffle picks MAX_POINTS distinct examples
        int[] order = java.util.stream.IntStream.range(0, b).toArray();
        SplittableRandom random = Seeds.CLOUD.random(seed);
        for (int i = 0; i < MAX_POINTS; i++) {
            int j = i + random.nextInt(b - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return java.util.Arrays.stream(order, 0, MAX_POINTS).sorted().toArray();
    }

    /** Whether every example is drawn. */
    public boolean complete() {
        return drawn.length == x.length;
    }

    private static Parameters shaped(Parameters like, double[] flat) {
        Parameters p = like.zerosLike();
        for (int j = 0; j < flat.length; j++) {
            p.set(j, flat[j]);
        }
        return p;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double[] scaled(double[] a, double s) {
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = s * a[k];
        }
        return out;
    }
}
