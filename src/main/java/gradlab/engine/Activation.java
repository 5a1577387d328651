package gradlab.engine;

/**
 * The hidden activation φ and its slope φ'. Kinks are fixed once, here, for every procedure:
 * relu'(0) = 0 and leaky_relu'(0) = 0.01.
 */
public enum Activation {
    IDENTITY("identity") {
        @Override public double apply(double z) { return z; }
        @Override public double slope(double z) { return 1.0; }
    },
    SIGMOID("sigmoid") {
        @Override public double apply(double z) { return sigmoid(z); }
        @Override public double slope(double z) {
            double s = sigmoid(z);
            return s * (1.0 - s);
        }
    },
    TANH("tanh") {
        @Override public double apply(double z) { return Math.tanh(z); }
        @Override public double slope(double z) {
            double t = Math.tanh(z);
            return 1.0 - t * t;
        }
    },
    RELU("relu") {
        @Override public double apply(double z) { return z > 0 ? z : 0.0; }
        @Override public double slope(double z) { return z > 0 ? 1.0 : 0.0; }
        @Override public boolean hasKink() { return true; }
    },
    LEAKY_RELU("leaky_relu") {
        @Override public double apply(double z) { return z > 0 ? z : LEAK * z; }
        @Override public double slope(double z) { return z > 0 ? 1.0 : LEAK; }
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

    public abstract double slope(double z);

    /** Whether φ has a point where it is not differentiable (at z = 0). */
    public boolean hasKink() {
        return false;
    }

    /** He-uniform suits the rectifiers, Glorot-uniform the rest. */
    public boolean rectifier() {
        return hasKink();
    }

    /** σ(z) without overflow for large |z|. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    public static Activation byId(String id) {
        for (Activation a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation " + id);
    }
}
