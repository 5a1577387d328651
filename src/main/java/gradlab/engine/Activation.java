package gradlab.engine;

/**
 * The hidden activation φ and its slope φ'. Kinks are fixed once, here, for every procedure:
 * relu'(0) = 0 and leaky_relu'(0) = 0.01.
 */
public enum Activation {
    IDENTITY("identity") {
        @Override public double apply(double z) { return z; }
        @Override public double slopeFromOutput(double a) { return 1.0; }
    },
    SIGMOID("sigmoid") {
        @Override public double apply(double z) { return sigmoid(z); }
        @Override public double slopeFromOutput(double a) { return a * (1.0 - a); }
    },
    TANH("tanh") {
        @Override public double apply(double z) { return tanh(z); }
        @Override public double slopeFromOutput(double a) { return 1.0 - a * a; }
    },
    RELU("relu") {
        @Override public double apply(double z) { return z > 0 ? z : 0.0; }
        // a = relu(z) is above 0 exactly when z is
        @Override public double slopeFromOutput(double a) { return a > 0 ? 1.0 : 0.0; }
        @Override public boolean hasKink() { return true; }
    },
    LEAKY_RELU("leaky_relu") {
        @Override public double apply(double z) { return z > 0 ? z : LEAK * z; }
        // a = leaky_relu(z) is above 0 exactly when z is
        @Override public double slopeFromOutput(double a) { return a > 0 ? 1.0 : LEAK; }
        @Override public boolean hasKink() { return true; }
    };

    static final double LEAK = 0.01;

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** The name used in URLs, JSON and lessons. */
    public String id() {
        return id;
    }

    public abstract double apply(double z);

    /** φ'(z) from the output a = φ(z), which the forward pass already has: no second tanh or exp (and the kinks' φ'(0) above). */
    public abstract double slopeFromOutput(double a);

    /** Whether φ has a point where it is not differentiable (at z = 0). */
    public boolean hasKink() {
        return false;
    }

    /** He-uniform suits the rectifiers, Glorot-uniform the rest. */
    public boolean rectifier() {
        return hasKink();
    }

    /**
     * tanh to within a few ulps, several times faster than Math.tanh (which is fdlibm's, in
     * Java): 1 − 2/(e^{2|z|} + 1) with the exp intrinsic, and the Taylor series where that would
     * cancel (|z| < 0.1, to z¹⁵; the first term left out is below 1e-18 · |z| there).
     */
    public static double tanh(double z) {
        double a = Math.abs(z);
        if (a < 0.1) {
            double z2 = z * z;
            return z * (1.0 + z2 * (-1.0 / 3 + z2 * (2.0 / 15 + z2 * (-17.0 / 315 + z2 * (62.0 / 2835
                    + z2 * (-1382.0 / 155925 + z2 * (21844.0 / 6081075 + z2 * (-929569.0 / 638512875))))))));
        }
        if (a > 20) {
            return Math.copySign(1.0, z);
        }
        return Math.copySign(1.0 - 2.0 / (Math.exp(2 * a) + 1.0), z);
    }

    /** σ(z) without overflow for large |z|. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }
}
