package gradlab.lab;

import java.util.ArrayList;
import java.util.List;

import gradlab.engine.Procedure;

/**
 * A prediction a lesson asks for (DESIGN, "Predict, then see"): one quantity of its preset's
 * comparison at θ0, a slider over the metric's range, and the true value the student's guess
 * is set beside once they commit (or, in a class, once the instructor reveals).
 *
 * @param quantity what is predicted: {@code <procedure>.<metric>} of the comparison at θ0
 * @param min      the slider's least value
 * @param max      the slider's greatest value
 * @param truth    the preset's value, within [min, max]
 */
public record Question(Quantity quantity, double min, double max, double truth) {
    /** The field of a prediction's form that names the quantity. */
    public static final String FIELD = "question";
    /** The field of a prediction's form that holds the guess. */
    public static final String VALUE = "value";

    /** The question's name, as a lesson and a form write it: mean-error.angleDegrees. */
    public String name() {
        return quantity.name();
    }

    /** Whether a guess lies on the slider: finite and within [min, max]. */
    public boolean allows(double guess) {
        return Double.isFinite(guess) && guess >= min && guess <= max;
    }

    /** The slider's step: a whole degree for an angle, a hundredth for the others. */
    public double step() {
        return quantity.metric() == Quantity.Metric.ANGLE_DEGREES ? 1 : 0.01;
    }

    /** The slider's range as a message says it: "from 0 to 180". */
    public String range() {
        return "from " + plain(min) + " to " + plain(max);
    }

    /** The question in words, for the slider's label and the instructor's histogram. */
    public String words() {
        String naive = quantity.procedure().id();
        String correct = Procedure.REFERENCE.id();
        return switch (quantity.metric()) {
            case COSINE -> "What will the cosine be between " + naive + "'s gradient and the correct (" + correct
                    + ") gradient?";
            case ANGLE_DEGREES -> "What angle, in degrees, will " + naive + "'s gradient make with the correct ("
                    + correct + ") gradient?";
            case RELATIVE_ERROR -> "What will " + naive + "'s relative error be, ‖g − c‖ / ‖c‖?";
            case NORM_RATIO -> "How long will " + naive + "'s gradient be, as a multiple of the correct one's length?";
            case SAME_SIGN -> "What share of the parameters will " + naive + "'s gradient move in the correct "
                    + "direction (same sign)?";
            case LAYER -> "What will " + naive + "'s relative error be in layer " + quantity.layer() + "?";
            default -> throw new IllegalStateException(quantity + " is not a prediction");
        };
    }

    /**
     * Reads a lesson's {@code predict:} list against its preset's comparison.
     *
     * @throws IllegalArgumentException naming the quantity: unknown, not of the comparison at θ0,
     *         given twice, absent from the preset, or with a value off its slider
     */
    static List<Question> read(String list, Comparison comparison) {
        List<Question> questions = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String name = part.strip();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("predict lists quantities separated by commas, such as "
                        + "mean-error.angleDegrees, mean-input.layer1; one of them is empty");
            }
            Quantity q = Quantity.parse(name);
            if (!q.metric().ofComparison() || q.copy() != null) {
                throw new IllegalArgumentException("predict asks for \"" + LabSpec.shown(name) + "\", which is not "
                        + "a metric of the comparison; a prediction is <procedure>.<metric> with a metric of cosine, "
                        + "angleDegrees, relativeError, normRatio, sameSign, layer1..layer" + Quantity.MAX_LAYER);
            }
            if (questions.stream().anyMatch(x -> x.quantity().equals(q))) {
                throw new IllegalArgumentException("predict lists " + name + " twice");
            }
            double[] range = range(q.metric());
            double truth = q.value(comparison, null);
            if (truth < range[0] || truth > range[1]) {
                throw new IllegalArgumentException(name + " is " + truth + " for this preset, off its slider "
                        + "(from " + plain(range[0]) + " to " + plain(range[1]) + ")");
            }
            questions.add(new Question(q, range[0], range[1], truth));
        }
        return List.copyOf(questions);
    }

    /** The slider's range for a metric: cosine −1..1, angleDegrees 0..180, sameSign 0..1, the others 0..3. */
    static double[] range(Quantity.Metric metric) {
        return switch (metric) {
            case COSINE -> new double[] {-1, 1};
            case ANGLE_DEGREES -> new double[] {0, 180};
            case SAME_SIGN -> new double[] {0, 1};
            default -> new double[] {0, 3};
        };
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
