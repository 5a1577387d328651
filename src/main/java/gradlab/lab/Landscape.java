package gradlab.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import gradlab.engine.Batch;
import gradlab.engine.Batched;
import gradlab.engine.Loss;
import gradlab.engine.Metrics;
import gradlab.engine.Model;
import gradlab.engine.Parameters;
import gradlab.engine.Workspaces;

/**
 * The loss J over a plane through θ0: two scalars of θ vary, every other one stays at θ0.
 * It holds J on a G × G grid over the first minibatch, every procedure's gradient at θ0
 * projected on the plane, and DESIGN's level-set counterexample (F6): two points of the
 * plane with the same J whose full gradients point different ways, which is why no
 * function g gives ∇J(θ) = g(J(θ)).
 *
 * @param x                the parameter along the horizontal axis
 * @param y                the parameter along the vertical axis
 * @param cost             J at the grid's nodes: cost[r][c] at (x.at(c), y.at(r)), row 0 at y's minimum
 * @param costAtTheta0     J(θ0)
 * @param arrows           each procedure's gradient at θ0 projected on the plane, in the comparison's order
 * @param counterexample   the pair θa, θb, when the plane holds one
 * @param reason           why there is no pair, in words (empty when there is one)
 * @param constantGradient whether the full gradient at a few grid points equals the one at θ0 (1e-12 relative)
 */
public record Landscape(Axis x, Axis y, double[][] cost, double costAtTheta0, Map<String, Projection> arrows,
                        Optional<Counterexample> counterexample, String reason, boolean constantGradient) {

    /** The grid has this many nodes a side, unless the network and batch are large… */
    public static final int MAX_GRID = 41;
    /** …when it shrinks so that G² × batch × scalars (about the grid's multiply-adds) stays below this… */
    public static final long GRID_WORK = 200_000_000L;
    /** …but never below this: fewer nodes could not draw a contour at all. */
    public static final int MIN_GRID = 3;
    /** Gradients closer than this are not shown as a counterexample: they would look the same. */
    public static final double MIN_ANGLE_DEGREES = 10;

    /** J(θa) and J(θb) agree to this, relative. */
    static final double SAME_COST = 1e-9;
    /** A gradient that differs from the one at θ0 by less than this (relative) counts as the same. */
    static final double SAME_GRADIENT = 1e-12;
    /** At most this many level crossings get a gradient, per level (evenly chosen along the grid). */
    private static final int MAX_CANDIDATES = 160;
    /** When the level of J(θ0) holds no pair, these quantiles of the grid's J are tried. */
    private static final double[] OTHER_LEVELS = {0.5, 0.25, 0.75, 0.1, 0.9};
    /** Crossings are located exactly in order of promise, up to this many tries: each costs a root search. */
    private static final int REFINED = 3;

    static final String LINEAR_REASON =
            "the gradient of the linear cost is the same at every θ: g(J) = 0·J + K, so no counterexample exists";

    /**
     * One axis of the plane: scalar {@code index} of θ's flat order, from min to max in
     * {@code points} evenly spaced nodes.
     */
    public record Axis(int index, String name, double theta0, double min, double max, int points) {
        /**
         * Centred on θ0_j with half-width max(1, 2·|θ0_j|): wide enough to leave θ0's
         * neighbourhood (where every gradient looks alike) even when θ0_j = 0, as biases are,
         * and proportionate to a large weight.
         */
        static Axis around(int index, String name, double theta0, int points) {
            double half = Math.max(1, 2 * Math.abs(theta0));
            return new Axis(index, name, theta0, theta0 - half, theta0 + half, points);
        }

        /** The value of node i, 0..points−1. */
        public double at(int i) {
            return i == points - 1 ? max : min + (max - min) * i / (points - 1);
        }
    }

    /** A point of the plane: the values of the x and y scalars. */
    public record Point(double x, double y) {
    }

    /** A gradient's components along the plane's x and y scalars. */
    public record Projection(double x, double y) {
    }

    /**
     * Two points with the same J and different gradients (Batched, all scalars).
     *
     * @param a             θa (θ0 itself when the level of J(θ0) holds a pair)
     * @param b             θb
     * @param costA         J(θa)
     * @param costB         J(θb), equal to J(θa) to 1e-9 relative
     * @param gradientA     ∇J(θa) projected on the plane
     * @param gradientB     ∇J(θb) projected on the plane
     * @param angleDegrees  the angle between the full gradients ∇J(θa) and ∇J(θb)
     */
    public record Counterexample(Point a, Point b, double costA, double costB, Projection gradientA,
                                 Projection gradientB, double angleDegrees) {
    }

    public Landscape {
        cost = deepCopy(cost);
        arrows = Collections.unmodifiableMap(new LinkedHashMap<>(arrows));
    }

    /** The plane of the two scalars with the largest |per-example gradient| at θ0 (ties: the lower index first). */
    public static Landscape compute(Comparison c) {
        double[] g = c.gradients().get(Procedures.REFERENCE).flat();
        int first = -1;
        int second = -1;
        for (int j = 0; j < g.length; j++) {
            double a = Math.abs(g[j]);
            if (first < 0 || a > Math.abs(g[first])) {
                second = first;
                first = j;
            } else if (second < 0 || a > Math.abs(g[second])) {
                second = j;
            }
        }
        return compute(c, first, second);
    }

    /** The plane of scalars px (horizontal) and py (vertical) of θ's flat order. */
    public static Landscape compute(Comparison c, int px, int py) {
        Parameters theta0 = c.theta();
        int scalars = theta0.size();
        if (px < 0 || py < 0 || px >= scalars || py >= scalars || px == py) {
            throw new IllegalArgumentException("a plane needs two different scalars of 0.." + (scalars - 1)
                    + "; got " + px + " and " + py);
        }
        Plane plane = new Plane(c.model(), c.batch(), theta0, px, py);
        int g = gridSize(c.batch().size(), scalars);
        Axis x = Axis.around(px, theta0.scalarName(px), theta0.get(px), g);
        Axis y = Axis.around(py, theta0.scalarName(py), theta0.get(py), g);
        double[][] cost = new double[g][g];
        for (int r = 0; r < g; r++) {
            for (int col = 0; col < g; col++) {
                cost[r][col] = plane.cost(x.at(col), y.at(r));
            }
        }
        Map<String, Projection> arrows = new LinkedHashMap<>();
        c.gradients().forEach((id, grad) -> arrows.put(id, new Projection(grad.get(px), grad.get(py))));

        Point origin = new Point(x.theta0(), y.theta0());
        double j0 = plane.cost(origin);
        // the comparison's batched gradient is ∇J(θ0) on this batch, computed the same way
        Parameters batched = c.gradients().get(Batched.ID);
        double[] g0 = batched != null ? batched.flat() : plane.gradient(origin);
        boolean constant = constantGradient(plane, x, y, g0);
        Counterexample pair = null;
        String reason = "";
        if (c.model().loss() == Loss.LINEAR && c.model().layers() == 1) {
            // ∂ℓ/∂ŷ_k = −1 and ŷ = W x + b: ∇W = −1 x̄ᵀ and ∇b = −1 wherever θ is
            reason = LINEAR_REASON;
        } else if (constant) {
            reason = "the gradient is the same at every grid point checked: J is linear over this plane, "
                    + "so no two points of it with the same J have different gradients";
        } else {
            Search search = new Search(plane, x, y, cost);
            pair = search.run(origin, j0, g0);
            if (pair == null) {
                reason = c.model().layers() == 1 && c.batch().size() == 1
                        ? "with one example and no hidden layer J depends on θ only through z = W x + b, and no two "
                        + "points of this plane with the same J have gradients more than " + (int) MIN_ANGLE_DEGREES
                        + "° apart"
                        : "no two points of this plane with the same J were found whose gradients are more than "
                        + (int) MIN_ANGLE_DEGREES + "° apart";
            }
        }
        return new Landscape(x, y, cost, j0, arrows, Optional.ofNullable(pair), reason, constant);
    }

    /** G = 41, or the largest G ≥ 3 with G² × batch × scalars ≤ 2·10⁸. */
    static int gridSize(int batch, int scalars) {
        double work = (double) batch * scalars;
        int g = (int) Math.floor(Math.sqrt(GRID_WORK / work));
        while ((double) g * g * work > GRID_WORK) {
            g--;
        }
        return Math.max(MIN_GRID, Math.min(MAX_GRID, g));
    }

    /** Nodes a side. */
    public int size() {
        return x.points();
    }

    /** J at node (r, c): x = x.at(c), y = y.at(r). */
    public double cost(int r, int c) {
        return cost[r][c];
    }

    @Override
    public double[][] cost() {
        return deepCopy(cost);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Landscape l && x.equals(l.x) && y.equals(l.y) && Arrays.deepEquals(cost, l.cost)
                && Double.compare(costAtTheta0, l.costAtTheta0) == 0 && arrows.equals(l.arrows)
                && counterexample.equals(l.counterexample) && reason.equals(l.reason)
                && constantGradient == l.constantGradient;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * x.hashCode() + y.hashCode()) + Arrays.deepHashCode(cost);
    }

    @Override
    public String toString() {
        return "Landscape[" + x.name() + " × " + y.name() + ", " + size() + "², "
                + counterexample.map(p -> p.angleDegrees() + "°").orElse(reason) + "]";
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    /** The four corners and one inside node: if ∇J is the same at all of them, it is taken as constant. */
    private static boolean constantGradient(Plane plane, Axis x, Axis y, double[] g0) {
        int last = x.points() - 1;
        int[][] nodes = {{0, 0}, {0, last}, {last, 0}, {last, last}, {last / 3, 2 * last / 3}};
        for (int[] n : nodes) {
            double[] g = plane.gradient(new Point(x.at(n[1]), y.at(n[0])));
            if (!(Metrics.relativeError(g, g0) <= SAME_GRADIENT)) {
                return false;
            }
        }
        return true;
    }

    /** The angle between two full gradients in degrees; NaN when either is zero. */
    static double angle(double[] g, double[] h) {
        double cos = Metrics.cosine(g, h);
        return Double.isNaN(cos) ? Double.NaN : Math.toDegrees(Math.acos(cos));
    }

    // ------------------------------------------------------------------ the plane and the search

    /** θ0 with two scalars replaced: J and the batched gradient there. */
    private static final class Plane {
        private final Model model;
        private final Batch batch;
        private final Parameters theta;
        private final int px;
        private final int py;
        /** J at every node of the grid, and every gradient, reuse the same work buffers. */
        private final Workspaces buffers = new Workspaces();
        private final Batched batched = new Batched();

        Plane(Model model, Batch batch, Parameters theta0, int px, int py) {
            this.model = model;
            this.batch = batch;
            this.theta = theta0.copy();
            this.px = px;
            this.py = py;
        }

        double cost(double u, double v) {
            theta.set(px, u);
            theta.set(py, v);
            return model.cost(theta, batch, buffers);
        }

        double cost(Point p) {
            return cost(p.x(), p.y());
        }

        double[] gradient(Point p) {
            theta.set(px, p.x());
            theta.set(py, p.y());
            return batched.gradient(model, theta, batch).flat();
        }

        Projection project(double[] g) {
            return new Projection(g[px], g[py]);
        }
    }

    /**
     * A grid edge from p0 to p1 where J crosses a level ℓ (J − ℓ is f0 at p0 and f1 at p1, of
     * opposite sides), and the linear interpolation of where.
     */
    private record Crossing(Point p0, Point p1, double f0, double f1) {
        Point at(double t) {
            return new Point(p0.x() + t * (p1.x() - p0.x()), p0.y() + t * (p1.y() - p0.y()));
        }

        Point estimate() {
            return at(f0 / (f0 - f1));
        }
    }

    /** A point on a level, located to 1e-9 relative, with its full gradient. */
    private record OnLevel(Point p, double cost, double[] gradient) {
    }

    /**
     * Looks for the pair: first on the level of J(θ0), with θa = θ0 and θb the crossing whose
     * gradient is furthest from ∇J(θ0); if that pair is not more than 10° apart, on a few other
     * levels of the grid, between any two crossings. Gradients are first compared at the
     * interpolated crossings; then the most promising one (or pair) that can be located on its
     * edge is, and its gradient is computed again there.
     */
    private static final class Search {
        private final Plane plane;
        private final Axis x;
        private final Axis y;
        private final double[][] cost;

        Search(Plane plane, Axis x, Axis y, double[][] cost) {
            this.plane = plane;
            this.x = x;
            this.y = y;
            this.cost = cost;
        }

        Counterexample run(Point origin, double j0, double[] g0) {
            Counterexample best = null;
            if (Double.isFinite(j0)) {
                best = fromOrigin(new OnLevel(origin, j0, g0));
            }
            if (best != null && best.angleDegrees() > MIN_ANGLE_DEGREES) {
                return best;
            }
            for (double level : otherLevels(j0)) {
                Counterexample c = anyPair(level);
                if (c != null && (best == null || c.angleDegrees() > best.angleDegrees())) {
                    best = c;
                }
            }
            return best != null && best.angleDegrees() > MIN_ANGLE_DEGREES ? best : null;
        }

        private Counterexample fromOrigin(OnLevel a) {
            List<Crossing> crossings = crossings(a.cost());
            double[][] grads = gradients(crossings);
            Integer[] order = new Integer[crossings.size()];
            double[] angles = new double[crossings.size()];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
                angles[k] = orMinus(angle(a.gradient(), grads[k]));
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -angles[k]));
            // the best estimate that can be located: the exact point's gradient is as far from ∇J(θa) but for a hair
            for (int k = 0; k < Math.min(REFINED, order.length); k++) {
                OnLevel b = locate(crossings.get(order[k]), a.cost());
                Counterexample found = b == null ? null : pair(a, b);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        private Counterexample anyPair(double level) {
            List<Crossing> crossings = crossings(level);
            double[][] grads = gradients(crossings);
            List<int[]> pairs = new ArrayList<>();
            List<Double> angles = new ArrayList<>();
            for (int i = 0; i < grads.length; i++) {
                for (int j = i + 1; j < grads.length; j++) {
                    pairs.add(new int[] {i, j});
                    angles.add(orMinus(angle(grads[i], grads[j])));
                }
            }
            Integer[] order = new Integer[pairs.size()];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -angles.get(k)));
            for (int k = 0; k < Math.min(REFINED, order.length); k++) {
                int[] ij = pairs.get(order[k]);
                OnLevel a = locate(crossings.get(ij[0]), level);
                OnLevel b = a == null ? null : locate(crossings.get(ij[1]), level);
                Counterexample found = b == null ? null : pair(a, b);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        /** The pair, or null when J differs by more than 1e-9 relative or either gradient is zero. */
        private Counterexample pair(OnLevel a, OnLevel b) {
            double scale = Math.max(Math.abs(a.cost()), Math.abs(b.cost()));
            double angle = angle(a.gradient(), b.gradient());
            if (!(Math.abs(a.cost() - b.cost()) <= SAME_COST * scale) || Double.isNaN(angle)) {
                return null;
            }
            return new Counterexample(a.p(), b.p(), a.cost(), b.cost(), plane.project(a.gradient()),
                    plane.project(b.gradient()), angle);
        }

        /** Quantiles of the grid's finite J, apart from J(θ0). */
        private List<Double> otherLevels(double j0) {
            double[] values = Arrays.stream(cost).flatMapToDouble(Arrays::stream).filter(Double::isFinite)
                    .sorted().toArray();
            List<Double> levels = new ArrayList<>();
            if (values.length == 0) {
                return levels;
            }
            for (double q : OTHER_LEVELS) {
                double level = values[(int) Math.round(q * (values.length - 1))];
                if (level != j0 && !levels.contains(level)) {
                    levels.add(level);
                }
            }
            return levels;
        }

        /** Every grid edge where J crosses the level (one end ≥ level, the other below), at most MAX_CANDIDATES of them. */
        private List<Crossing> crossings(double level) {
            int g = x.points();
            List<Crossing> all = new ArrayList<>();
            for (int r = 0; r < g; r++) {
                for (int c = 0; c < g; c++) {
                    if (c + 1 < g) {
                        add(all, r, c, r, c + 1, level);
                    }
                    if (r + 1 < g) {
                        add(all, r, c, r + 1, c, level);
                    }
                }
            }
            if (all.size() <= MAX_CANDIDATES) {
                return all;
            }
            List<Crossing> some = new ArrayList<>(MAX_CANDIDATES);
            for (int k = 0; k < MAX_CANDIDATES; k++) {
                some.add(all.get((int) ((long) k * all.size() / MAX_CANDIDATES)));
            }
            return some;
        }

        private void add(List<Crossing> list, int r0, int c0, int r1, int c1, double level) {
            double v0 = cost[r0][c0];
            double v1 = cost[r1][c1];
            if (Double.isFinite(v0) && Double.isFinite(v1) && (v0 >= level) != (v1 >= level)) {
                list.add(new Crossing(new Point(x.at(c0), y.at(r0)), new Point(x.at(c1), y.at(r1)),
                        v0 - level, v1 - level));
            }
        }

        private double[][] gradients(List<Crossing> crossings) {
            double[][] grads = new double[crossings.size()][];
            for (int k = 0; k < grads.length; k++) {
                grads[k] = plane.gradient(crossings.get(k).estimate());
            }
            return grads;
        }

        /**
         * The point of the edge where J = level, to 1e-9 relative, or null. A bracketing search:
         * the bracket always holds a sign change of J − level, as in bisection, but the next
         * point is the false-position one (with the Illinois halving, so that one end cannot
         * stick), which needs a handful of evaluations of J where bisection needs about forty.
         */
        private OnLevel locate(Crossing e, double level) {
            double tol = 1e-13 * Math.abs(level);
            double lo = 0;
            double hi = 1;
            double flo = e.f0();
            double fhi = e.f1();
            double bestT = Math.abs(flo) <= Math.abs(fhi) ? 0 : 1;
            double bestF = Math.min(Math.abs(flo), Math.abs(fhi));
            int stuck = 0;
            for (int k = 0; k < 100 && bestF > tol && hi - lo > 1e-15; k++) {
                double t = (lo * fhi - hi * flo) / (fhi - flo);
                if (!(t > lo && t < hi)) {
                    t = 0.5 * (lo + hi);
                }
                double ft = plane.cost(e.at(t)) - level;
                if (!Double.isFinite(ft)) {
                    return null;
                }
                if (Math.abs(ft) < bestF) {
                    bestF = Math.abs(ft);
                    bestT = t;
                }
                if ((ft >= 0) == (flo >= 0)) {
                    lo = t;
                    flo = ft;
                    if (stuck == -1) {
                        fhi /= 2;
                    }
                    stuck = -1;
                } else {
                    hi = t;
                    fhi = ft;
                    if (stuck == 1) {
                        flo /= 2;
                    }
                    stuck = 1;
                }
            }
            Point p = e.at(bestT);
            double j = plane.cost(p);
            if (!(Math.abs(j - level) <= SAME_COST * Math.abs(level))) {
                return null;
            }
            return new OnLevel(p, j, plane.gradient(p));
        }

        private static double orMinus(double angle) {
            return Double.isNaN(angle) ? -1 : angle;
        }
    }
}
