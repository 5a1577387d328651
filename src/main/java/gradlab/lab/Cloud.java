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

    public static Cloud of(Comparison c) {
        Parameters correct = c.gradients().get(Procedure.REFERENCE);
        int b = c.batch().size();
        ExampleGradients.Factors[] factors = new ExampleGradients.Factors[b];
        double[] norms = new double[b];
        double largest = 0;
        for (int i = 0; i < b; i++) {
            factors[i] = ExampleGradients.of(c.model(), c.theta(), c.batch(), i);
            norms[i] = Math.sqrt(factors[i].normSquared());
            largest = Math.max(largest, norms[i]);
        }
        CloudPlane asked = c.spec().plane();
        Optional<Procedure> naive = Optional.empty();
        String fellBack = "";
        Parameters e1 = null;
        Parameters e2 = null;
        String xName = null;
        String yName = null;
        if (!asked.params()) {
            naive = asked.naive().or(() -> c.gradients().keySet().stream().filter(Procedure::isNaive).findFirst());
            if (naive.isEmpty()) {
                fellBack = "no naive procedure is compared";
            } else {
                double cNorm = norm(correct.flat());
                double[] g = c.gradients().get(naive.get()).flat();
                double[] u = scaled(correct.flat(), cNorm > 0 ? 1 / cNorm : 0);
                // the naive gradient's part across c: g − (g·e1) e1
                double along = dot(g, u);
                double[] across = g.clone();
                for (int k = 0; k < across.length; k++) {
                    across[k] -= along * u[k];
                }
                double acrossNorm = norm(across);
                if (!(cNorm > NEGLIGIBLE * largest) || largest == 0) {
                    fellBack = "the correct gradient is zero here";
                } else if (!(acrossNorm > NEGLIGIBLE * largest)) {
                    fellBack = naive.get().id() + " points along the correct gradient here";
                } else {
                    e1 = shaped(correct, u);
                    e2 = shaped(correct, scaled(across, 1 / acrossNorm));
                    xName = "along the correct gradient";
                    yName = "across it, toward " + naive.get().id();
                }
            }
        }
        if (e1 == null) {
            naive = Optional.empty();
            int[] axes = axes(c, correct.flat());
            e1 = unit(correct, axes[0]);
            e2 = unit(correct, axes[1]);
            xName = correct.scalarName(axes[0]);
            yName = correct.scalarName(axes[1]);
        }
        double[] x = new double[b];
        double[] y = new double[b];
        double[] runningX = new double[b];
        double[] runningY = new double[b];
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < b; i++) {
            x[i] = factors[i].dot(e1);
            y[i] = factors[i].dot(e2);
            sumX += x[i];
            sumY += y[i];
            runningX[i] = sumX / (i + 1);
            runningY[i] = sumY / (i + 1);
        }
        Map<Procedure, double[]> arrows = new LinkedHashMap<>();
        double[] ef1 = e1.flat();
        double[] ef2 = e2.flat();
        for (Map.Entry<Procedure, Parameters> e : c.gradients().entrySet()) {
            if (e.getKey().isNaive()) {
                double[] g = e.getValue().flat();
                arrows.put(e.getKey(), new double[] {dot(g, ef1), dot(g, ef2)});
            }
        }
        double[] cf = correct.flat();
        return new Cloud(asked, naive, fellBack, xName, yName, x, y, norms, dot(cf, ef1), dot(cf, ef2), runningX,
                runningY, arrows, drawn(b, c.spec().seed()));
    }

    /** The spec's axes px, py when both are given, else the landscape's: the two largest |c_j|. */
    private static int[] axes(Comparison c, double[] correct) {
        if (c.spec().px() != null && c.spec().py() != null) {
            return new int[] {c.spec().px(), c.spec().py()};
        }
        return Landscape.defaultAxes(correct);
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

    private static Parameters unit(Parameters like, int j) {
        Parameters p = like.zerosLike();
        p.set(j, 1);
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
