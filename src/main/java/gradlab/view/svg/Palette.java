package gradlab.view.svg;

import java.util.Map;

/**
 * One colour-blind-safe palette (Okabe and Ito), used by every chart: each procedure keeps
 * its colour everywhere, and the correct gradient is always blue.
 */
public final class Palette {
    public static final String INK = "#222222";
    public static final String GRID = "#dddddd";
    public static final String AXIS = "#888888";

    private static final Map<String, String> BY_PROCEDURE = Map.of(
            "per-example", "#0072B2",
            "batched", "#56B4E9",
            "finite-difference", "#009E73",
            "mean-input", "#E69F00",
            "mean-error", "#D55E00",
            "accumulate", "#000000",
            "mean-of-means", "#CC79A7");

    /** Classes in decision regions and scatter plots: blue, orange, green. */
    private static final String[] CLASSES = {"#0072B2", "#E69F00", "#009E73"};
    /** Lighter tints of the same, for the regions behind the points. */
    private static final String[] CLASS_TINTS = {"#cce3f0", "#faecc7", "#c7eadf"};

    private Palette() {
    }

    public static String procedure(String id) {
        return BY_PROCEDURE.getOrDefault(id, INK);
    }

    public static String classColour(int k) {
        return CLASSES[k % CLASSES.length];
    }

    public static String classTint(int k) {
        return CLASS_TINTS[k % CLASS_TINTS.length];
    }
}
