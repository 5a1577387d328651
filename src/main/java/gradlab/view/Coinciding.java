package gradlab.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import gradlab.engine.Procedure;

/**
 * Procedures whose marks in a chart are the same values, so that one hides the other: the
 * chart's caption says so instead of leaving a student to wonder where a line went.
 */
final class Coinciding {
    /** Values this close, as a share of the larger magnitude, are one mark on screen. */
    static final double TOLERANCE = 1e-6;

    private Coinciding() {
    }

    /**
     * The procedures whose values agree everywhere, in groups of two or more, each in the
     * map's order. Two values agree when both are missing (NaN) or when they differ by at most
     * {@link #TOLERANCE} of the larger of the two series' magnitudes and {@code unit} (the
     * scale of a quantity whose natural size is known, as 1 for a cosine; 0 for none).
     */
    static List<List<Procedure>> groups(Map<Procedure, double[]> values, double unit) {
        List<List<Procedure>> groups = new ArrayList<>();
        for (Map.Entry<Procedure, double[]> e : values.entrySet()) {
            List<Procedure> home = null;
            for (List<Procedure> g : groups) {
                if (same(values.get(g.get(0)), e.getValue(), unit)) {
                    home = g;
                    break;
                }
            }
            if (home == null) {
                home = new ArrayList<>();
                groups.add(home);
            }
            home.add(e.getKey());
        }
        return groups.stream().filter(g -> g.size() > 1).toList();
    }

    static boolean same(double[] a, double[] b, double unit) {
        if (a.length != b.length) {
            return false;
        }
        double scale = Math.max(unit, Math.max(magnitude(a), magnitude(b)));
        for (int i = 0; i < a.length; i++) {
            boolean aMissing = !Double.isFinite(a[i]);
            boolean bMissing = !Double.isFinite(b[i]);
            if (aMissing || bMissing) {
                if (aMissing != bMissing || Double.compare(a[i], b[i]) != 0) {
                    return false;
                }
            } else if (Math.abs(a[i] - b[i]) > TOLERANCE * scale) {
                return false;
            }
        }
        return true;
    }

    private static double magnitude(double[] v) {
        double m = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    /**
     * One sentence per group: "mean-input and mean-error coincide with per-example: {what}."
     * Empty when nothing coincides.
     */
    static String sentences(List<List<Procedure>> groups, String what) {
        StringBuilder s = new StringBuilder();
        for (List<Procedure> g : groups) {
            List<String> others = g.subList(1, g.size()).stream().map(Procedure::id).toList();
            s.append(s.length() > 0 ? " " : "").append(words(others)).append(others.size() == 1 ? " coincides" : " coincide")
                    .append(" with ").append(g.get(0).id()).append(": ").append(what).append('.');
        }
        return s.toString();
    }

    /** a; a and b; a, b and c. */
    static String words(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
