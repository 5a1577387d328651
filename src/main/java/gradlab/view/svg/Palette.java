package gradlab.view.svg;

/**
 * The charts' colours besides the procedures' (those are {@link gradlab.engine.Procedure#colour()}):
 * ink, grid, axes, and the classes of classification data (Okabe and Ito, colour-blind-safe).
 */
public final class Palette {
    public static final String INK = "#222222";
    public static final String GRID = "#dddddd";
    public static final String AXIS = "#888888";

    /**
     * Classes in decision regions and scatter plots: Okabe and Ito's blue, orange and green,
     * the last two darkened so that a point has 3:1 against any class's tint.
     */
    private static final String[] CLASSES = {"#0072B2", "#B36200", "#007D5A"};
    /** Lighter tints of the same, for the regions behind the points. */
    private static final String[] CLASS_TINTS = {"#cce3f0", "#faecc7", "#c7eadf"};

    private Palette() {
    }

    public static String classColour(int k) {
        return CLASSES[k % CLASSES.length];
    }

    /** The number of class colours before they repeat. */
    public static int classes() {
        return CLASSES.length;
    }

    public static String classTint(int k) {
        return CLASS_TINTS[k % CLASS_TINTS.length];
    }
}
