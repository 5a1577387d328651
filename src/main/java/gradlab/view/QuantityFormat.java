package gradlab.view;

import gradlab.lab.Quantity;

/**
 * A quantity's value as the page prints it (ComparisonView's tables, TrainingView's summary),
 * so that a number a lesson quotes reads exactly as the table below the lesson shows it.
 */
public final class QuantityFormat {
    private QuantityFormat() {
    }

    public static String text(Quantity q, double value) {
        return switch (q.metric()) {
            case ANGLE_DEGREES -> Format.degrees(value);
            case SAME_SIGN -> Format.percent(value);
            case B_SIMPLE -> NoiseMeter.approximately(value);
            case COSINE, RELATIVE_ERROR, NORM_RATIO, LAYER, COST, FINAL_COST, MINIBATCH_NOISE_RATIO -> Format.num(value);
        };
    }
}
