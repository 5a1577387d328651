package gradlab.view;

import gradlab.lab.Landscape;
import gradlab.lab.MissingPair;

/**
 * Why the landscape has no level-set pair, in words: the panel's paragraph and the chart's
 * text alternative both print it, after their own lead-in.
 */
public final class MissingPairSentence {
    private MissingPairSentence() {
    }

    /** The reason as a clause: lower-case start, no final full stop. */
    public static String of(MissingPair why) {
        int degrees = (int) Landscape.MIN_ANGLE_DEGREES;
        return switch (why) {
            case LINEAR_COST ->
                    "the gradient of the linear cost is the same at every θ: g(J) = 0·J + K, so no counterexample exists";
            case LINEAR_PLANE -> "the gradient is the same at every grid point checked: J is linear over this plane, "
                    + "so no two points of it with the same J have different gradients";
            case ONE_EXAMPLE_NO_HIDDEN_LAYER -> "with one example and no hidden layer J depends on θ only through "
                    + "z = W x + b, and no two points of this plane with the same J have gradients more than "
                    + degrees + "° apart";
            case NOT_FOUND -> "no two points of this plane with the same J were found whose gradients are more than "
                    + degrees + "° apart";
        };
    }
}
