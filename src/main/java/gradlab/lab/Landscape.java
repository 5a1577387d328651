package gradlab.lab;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import gradlab.engine.Batch;
import gradlab.engine.Loss;
import gradlab.engine.Model;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;

/**
 * The loss J over a plane through θ0: two scalars of θ vary, every other one stays at θ0.
 * It holds J on a G × G grid over the first minibatch, every procedure's gradient at θ0
 * projected on the plane, and DESIGN's level-set counterexample (F6): two points of the
 * plane with the same J whose full gradients point different ways, which is why no
 * function g gives ∇J(θ) = g(J(θ)).
 *
 * @param slice            J over the plane's window: its axes and the grid the contours are drawn from
 * @param costAtTheta0     J(θ0)
 * @param arrows           each procedure's gradient at θ0 projected on the plane, in the comparison's order
 * @param counterexample   the pair θa, θb, when the plane holds one
 * @param reason           why there is no pair (empty when there is one; the view words it)
 * @param constantGradient whether the full gradient at a few grid points equals the one at θ0 (1e-12 relative)
 * @param step             the training step k of the θ the plane goes through (0: θ0)
 * @param paths            every trained copy's path θ_0..θ_k projected on the plane (none at k = 0)
 */
public record Landscape(Slice slice, double costAtTheta0, Map<Procedure, Projection> arrows,
                        Optional<Counterexample> counterexample, Optional<MissingPair> reason,
                        boolean constantGradient, int step, StepPaths paths) {

    /** The grid has this many nodes a side, unless the network and batch are large… */
    public static final int MAX_GRID = 41;
    /** …when it shrinks so that G² × batch × scalars (about the grid's multiply-adds) stays below this… */
    public static final long GRID_WORK = 200_000_000L;
    /** …but never below this: fewer nodes could not draw a contour at all. */
    public static final int MIN_GRID = 3;
    /** Gradients closer than this are not shown as a counterexample: they would look the same. */
    public static final double MIN_ANGLE_DEGREES = 10;

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

        /** The same axis grown to hold every value in [low, high], with a margin of 5 % of the new range each side. */
        Axis holding(double low, double high) {
            if (!(low < min) && !(high > max)) {
                return this;
            }
            double lo = Math.min(min, low);
            double hi = Math.max(max, high);
            double margin = 0.05 * (hi - lo);
            return new Axis(index, name, theta0, low < min ? lo - margin : min, high > max ? hi + margin : max, points);
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
        if (counterexample.isPresent() == reason.isPresent()) {
            throw new IllegalArgumentException("a landscape has either a pair or the reason it has none");
        }
        arrows = Collections.unmodifiableMap(new LinkedHashMap<>(arrows));
    }

    /** The plane of the two scalars with the largest |per-example gradient| at θ0 (ties: the lower index first). */
    public static Landscape compute(Comparison c) {
        int[] axes = defaultAxes(c.gradients().get(Procedure.REFERENCE).flat());
        return compute(c, axes[0], axes[1]);
    }

    /** The indices of the two largest |g_j| (ties: the lower index first): the default axes of a plane. */
    public static int[] defaultAxes(double[] g) {
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
        return new int[] {first, second};
    }

    /** The plane of scalars px (horizontal) and py (vertical) of θ's flat order. */
    public static Landscape compute(Comparison c, int px, int py) {
        return compute(c, px, py, StepPaths.NONE);
    }

    /**
     * The plane of scalars px and py through the comparison's θ (θ_k at a step), wide enough to
     * hold every copy's path, replayed on these axes.
     */
    public static Landscape compute(Comparison c, int px, int py, StepPaths paths) {
        Parameters theta0 = c.theta();
        int scalars = theta0.size();
        if (px < 0 || py < 0 || px >= scalars || py >= scalars || px == py) {
            throw new IllegalArgumentException("a plane needs two different scalars of 0.." + (scalars - 1)
                    + "; got " + px + " and " + py);
        }
        LandscapePlane plane = new LandscapePlane(c.model(), c.batch(), theta0, px, py);
        Slice slice = slice(plane, theta0, px, py, c.batch().size(), paths);
        Axis x = slice.x();
        Axis y = slice.y();
        Map<Procedure, Projection> arrows = new LinkedHashMap<>();
        c.gradients().forEach((id, grad) -> arrows.put(id, new Projection(grad.get(px), grad.get(py))));

        Point origin = new Point(x.theta0(), y.theta0());
        double j0 = plane.cost(origin);
        // the comparison's batched gradient is ∇J(θ0) on this batch, computed the same way
        Parameters batched = c.gradients().get(Procedure.BATCHED);
        double[] g0 = batched != null ? batched.flat() : plane.gradient(origin);
        boolean constant = plane.constantGradient(x, y, g0);
        Optional<Counterexample> pair = Optional.empty();
        Optional<MissingPair> reason;
        if (c.model().loss() == Loss.LINEAR && c.model().layers() == 1) {
            // ∂ℓ/∂ŷ_k = −1 and ŷ = W x + b: ∇W = −1 x̄ᵀ and ∇b = −1 wherever θ is
            reason = Optional.of(MissingPair.LINEAR_COST);
        } else if (constant) {
            reason = Optional.of(MissingPair.LINEAR_PLANE);
        } else {
            pair = new LevelSets(plane, x, y, slice.cost()).find(origin, j0, g0);
            reason = pair.isPresent() ? Optional.empty() : Optional.of(notFound(c));
        }
        return new Landscape(slice, j0, arrows, pair, reason, constant, c.spec().at(), paths);
    }

    /**
     * J over the plane of scalars px and py through θ, on the batch: the window centred on θ,
     * grown to hold every path, on the grid a landscape of this batch and network gets. A
     * training run draws its paths over one of these; a landscape's contours are one.
     */
    public static Slice slice(Model model, Batch batch, Parameters theta, int px, int py, StepPaths paths) {
        return slice(new LandscapePlane(model, batch, theta, px, py), theta, px, py, batch.size(), paths);
    }

    private static Slice slice(LandscapePlane plane, Parameters theta, int px, int py, int batch, StepPaths paths) {
        int g = gridSize(batch, theta.size());
        Axis x = holding(Axis.around(px, theta.scalarName(px), theta.get(px), g), paths, true);
        Axis y = holding(Axis.around(py, theta.scalarName(py), theta.get(py), g), paths, false);
        return new Slice(x, y, plane.grid(x, y));
    }

    /** The axis grown to hold every path's points along it (x when {@code horizontal}, else y). */
    static Axis holding(Axis axis, StepPaths paths, boolean horizontal) {
        Axis a = axis;
        for (StepPaths.Path path : paths.paths().values()) {
            for (int i = 0; i < path.size(); i++) {
                double v = horizontal ? path.x(i) : path.y(i);
                a = a.holding(v, v);
            }
        }
        return a;
    }

    /** Why the search came back empty; with one example and no hidden layer, J depends on θ only through z. */
    private static MissingPair notFound(Comparison c) {
        return c.model().layers() == 1 && c.batch().size() == 1
                ? MissingPair.ONE_EXAMPLE_NO_HIDDEN_LAYER : MissingPair.NOT_FOUND;
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

    /** The parameter along the horizontal axis. */
    public Axis x() {
        return slice.x();
    }

    /** The parameter along the vertical axis. */
    public Axis y() {
        return slice.y();
    }

    /** Nodes a side. */
    public int size() {
        return slice.size();
    }

    /** J at node (r, c): x = x.at(c), y = y.at(r). */
    public double cost(int r, int c) {
        return slice.cost(r, c);
    }

    /** J at the grid's nodes: cost[r][c] at (x.at(c), y.at(r)), row 0 at y's minimum (a copy). */
    public double[][] cost() {
        return slice.cost();
    }

    @Override
    public String toString() {
        return "Landscape[" + x().name() + " × " + y().name() + ", " + size() + "², "
                + counterexample.map(p -> p.angleDegrees() + "°").orElseGet(() -> reason.orElseThrow().name()) + "]";
    }

}
