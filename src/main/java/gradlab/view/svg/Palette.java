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

    /**
     * The diverging scale of the network's edges: Okabe and Ito's blue below zero, their
     * vermillion (darkened for 3:1 on white) above, light grey at zero.
     */
    public static final String NEGATIVE = "#0072B2";
    public static final String POSITIVE = "#B3420C";
    public static final String ZERO = "#dddddd";

    private Palette() {
    }

    /** A colour of the diverging scale for t in [−1, 1]: grey at 0, NEGATIVE at −1, POSITIVE at 1. */
    public static String diverging(double t) {
        double s = Math.max(-1, Math.min(1, Double.isFinite(t) ? t : 0));
        return mix(ZERO, s < 0 ? NEGATIVE : POSITIVE, Math.abs(s));
    }

    /** a·(1 − f) + b·f, channel by channel, of two #rrggbb colours; lower-case hex digits. */
    static String mix(String a, String b, double f) {
        char[] out = {'#', 0, 0, 0, 0, 0, 0};
        for (int i = 1; i < 7; i += 2) {
            int ca = Integer.parseInt(a, i, i + 2, 16);
            int cb = Integer.parseInt(b, i, i + 2, 16);
            long c = Math.round(ca + (cb - ca) * f);
            out[i] = Character.forDigit((int) (c >> 4), 16);
            out[i + 1] = Character.forDigit((int) (c & 15), 16);
        }
        return new String(out);
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
