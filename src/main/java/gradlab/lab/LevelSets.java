package gradlab.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import gradlab.engine.Metrics;
import gradlab.lab.Landscape.Counterexample;
import gradlab.lab.Landscape.Point;

/**
 * The search for DESIGN's level-set counterexample (F6) on a landscape's grid: first on the
 * level of J(θ0), with θa = θ0 and θb the crossing whose gradient is furthest from ∇J(θ0);
 * if that pair is not more than MIN_ANGLE_DEGREES apart, on a few other levels of the grid,
 * between any two crossings. Gradients are first compared at the interpolated crossings; then
 * the most promising one (or pair) that can be located on its edge is, and its gradient is
 * computed again there.
 */
final class LevelSets {
    /** J(θa) and J(θb) agree to this, relative. */
    static final double SAME_COST = 1e-9;
    /** At most this many level crossings get a gradient, per level (evenly chosen along the grid). */
    private static final int MAX_CANDIDATES = 160;
    /** When the level of J(θ0) holds no pair, these quantiles of the grid's J are tried. */
    private static final double[] OTHER_LEVELS = {0.5, 0.25, 0.75, 0.1, 0.9};
    /** Crossings are located exactly in order of promise, up to this many tries: each costs a root search. */
    private static final int REFINED = 3;
    /** A crossing is located until J − ℓ is within this share of ℓ, well inside SAME_COST… */
    private static final double LOCATE_COST = 1e-13;
    /** …or the bracket on the edge (a share of it, 0..1) is this narrow, or after this many evaluations of J. */
    private static final double LOCATE_WIDTH = 1e-15;
    private static final int LOCATE_EVALUATIONS = 100;

    private final LandscapePlane plane;
    private final Landscape.Axis x;
    private final Landscape.Axis y;
    private final double[][] cost;

    /** The plane, its axes and J at the grid's nodes (cost[r][c] at x.at(c), y.at(r); not copied). */
    LevelSets(LandscapePlane plane, Landscape.Axis x, Landscape.Axis y, double[][] cost) {
        this.plane = plane;
        this.x = x;
        this.y = y;
        this.cost = cost;
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

    /** A point on a level, located to SAME_COST relative, with its full gradient. */
    private record OnLevel(Point p, double cost, double[] gradient) {
    }

    /** The angle between two full gradients in degrees; NaN when either is zero. */
    static double angle(double[] g, double[] h) {
        double cos = Metrics.cosine(g, h);
        return Double.isNaN(cos) ? Double.NaN : Math.toDegrees(Math.acos(cos));
    }

    /** The pair with the widest angle found, if more than MIN_ANGLE_DEGREES; j0 = J(origin), g0 = ∇J(origin). */
    Optional<Counterexample> find(Point origin, double j0, double[] g0) {
        Counterexample best = null;
        if (Double.isFinite(j0)) {
            best = fromOrigin(new OnLevel(origin, j0, g0));
        }
        if (best != null && best.angleDegrees() > Landscape.MIN_ANGLE_DEGREES) {
            return Optional.of(best);
        }
        for (double level : otherLevels(j0)) {
            Counterexample c = anyPair(level);
            if (c != null && (best == null || c.angleDegrees() > best.angleDegrees())) {
                best = c;
            }
        }
        return best != null && best.angleDegrees() > Landscape.MIN_ANGLE_DEGREES ? Optional.of(best) : Optional.empty();
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

    /** The pair, or null when J differs by more than SAME_COST relative or either gradient is zero. */
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
     * The point of the edge where J = level, to SAME_COST relative, or null: the root of
     * J(edge(t)) − level for t in 0..1, whose ends are the grid's values, then J again there.
     */
    private OnLevel locate(Crossing e, double level) {
        RootFinder finder = new RootFinder(LOCATE_COST * Math.abs(level), LOCATE_WIDTH, LOCATE_EVALUATIONS);
        Optional<RootFinder.Root> root = finder.find(t -> plane.cost(e.at(t)) - level, 0, 1, e.f0(), e.f1());
        if (root.isEmpty()) {
            return null;
        }
        Point p = e.at(root.get().x());
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
