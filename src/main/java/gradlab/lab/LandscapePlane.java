package gradlab.lab;

import gradlab.engine.Batch;
import gradlab.engine.Batched;
import gradlab.engine.Metrics;
import gradlab.engine.Model;
import gradlab.engine.Parameters;
import gradlab.engine.Workspaces;

/**
 * θ0 with two scalars replaced, px and py of θ's flat order: J and the batched gradient at a
 * point of that plane. It reuses one copy of θ0, so one landscape's computation owns it.
 */
final class LandscapePlane {
    /** A gradient that differs from the one at θ0 by less than this (relative) counts as the same. */
    static final double SAME_GRADIENT = 1e-12;

    private final Model model;
    private final Batch batch;
    private final Parameters theta;
    private final int px;
    private final int py;
    /** J at every node of the grid, and every gradient, reuse the same work buffers. */
    private final Workspaces buffers = new Workspaces();
    private final Batched batched = new Batched();

    LandscapePlane(Model model, Batch batch, Parameters theta0, int px, int py) {
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

    double cost(Landscape.Point p) {
        return cost(p.x(), p.y());
    }

    double[] gradient(Landscape.Point p) {
        theta.set(px, p.x());
        theta.set(py, p.y());
        return batched.gradient(model, theta, batch).flat();
    }

    /** A full gradient's components along the plane. */
    Landscape.Projection project(double[] g) {
        return new Landscape.Projection(g[px], g[py]);
    }

    /** J at the grid's nodes: [r][c] at (x.at(c), y.at(r)), row 0 at y's minimum. */
    double[][] grid(Landscape.Axis x, Landscape.Axis y) {
        double[][] cost = new double[y.points()][x.points()];
        for (int r = 0; r < y.points(); r++) {
            for (int c = 0; c < x.points(); c++) {
                cost[r][c] = cost(x.at(c), y.at(r));
            }
        }
        return cost;
    }

    /**
     * Whether ∇J at the grid's four corners and one inside node equals g0 to SAME_GRADIENT:
     * then J is taken as linear over the plane, and no level of it can hold a pair.
     */
    boolean constantGradient(Landscape.Axis x, Landscape.Axis y, double[] g0) {
        int last = x.points() - 1;
        int[][] nodes = {{0, 0}, {0, last}, {last, 0}, {last, last}, {last / 3, 2 * last / 3}};
        for (int[] n : nodes) {
            double[] g = gradient(new Landscape.Point(x.at(n[1]), y.at(n[0])));
            if (!(Metrics.relativeError(g, g0) <= SAME_GRADIENT)) {
                return false;
            }
        }
        return true;
    }
}
