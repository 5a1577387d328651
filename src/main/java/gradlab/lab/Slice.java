package gradlab.lab;

/**
 * J over a plane through some θ: two scalars vary over a window, every other one stays as in
 * that θ; J is taken on a G × G grid over one minibatch. What a landscape's contours are drawn
 * from, and the expensive part of drawing one.
 *
 * @param x    the horizontal axis: its scalar, its centre (that θ's value) and its window
 * @param y    the vertical axis
 * @param cost J at the grid's nodes: cost[r][c] at (x.at(c), y.at(r)), row 0 at y's minimum
 */
public record Slice(Landscape.Axis x, Landscape.Axis y, double[][] cost) {
    public Slice {
        cost = copy(cost);
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
        return copy(cost);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Slice s && x.equals(s.x) && y.equals(s.y) && java.util.Arrays.deepEquals(cost, s.cost);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * x.hashCode() + y.hashCode()) + java.util.Arrays.deepHashCode(cost);
    }

    @Override
    public String toString() {
        return "Slice[" + x.name() + " × " + y.name() + ", " + size() + "²]";
    }

    /** A copy of every row, so that a record's grid cannot change under it. */
    static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
