package gradlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;

/**
 * The built-in data sets. 1-D regression: a target y = f(x) plus Gaussian noise of standard
 * deviation {@code noise}. 2-D classification: class labels 0..K-1 taken in turn, points
 * scattered around the class's pattern by an amount that grows with {@code noise}.
 * Targets: one column for regression; one 0/1 column for two classes (two one-hot columns
 * when asked); one-hot columns for three classes.
 */
public enum Generator {
    /** y = 0.8x + 0.3, x in [−1, 1]. */
    LINE("line", 0) {
        @Override double f(double x) { return 0.8 * x + 0.3; }
    },
    /** y = sin(x), x in [−3, 3]. */
    SINE("sine", 0) {
        @Override double f(double x) { return Math.sin(x); }
        @Override double xRange() { return 3.0; }
    },
    /** y = 2x² − 1, x in [−1, 1]. */
    QUADRATIC("quadratic", 0) {
        @Override double f(double x) { return 2 * x * x - 1; }
    },
    /** y = 1 for x > 0, else 0, x in [−1, 1]. */
    STEP("step", 0) {
        @Override double f(double x) { return x > 0 ? 1.0 : 0.0; }
    },
    /** Two Gaussian blobs centred at (−1, −1) and (1, 1). */
    BLOBS("blobs", 2) {
        @Override void point(int label, double noise, SplittableRandom r, double[] out) {
            blob(label == 0 ? -1 : 1, label == 0 ? -1 : 1, noise, r, out);
        }
    },
    /** Points in [−1, 1]²: class 1 where x1·x2 < 0 (the "exclusive or" of the signs). */
    XOR("xor", 2) {
        @Override void point(int label, double noise, SplittableRandom r, double[] out) {
            double a = 0.05 + 0.95 * r.nextDouble();
            double b = 0.05 + 0.95 * r.nextDouble();
            boolean flip = r.nextBoolean();
            double sa = flip ? 1 : -1;
            double sb = label == 0 ? sa : -sa;
            out[0] = sa * a + 0.3 * noise * r.nextGaussian();
            out[1] = sb * b + 0.3 * noise * r.nextGaussian();
        }
    },
    /** Class 1 on a circle of radius 0.5, class 0 on a circle of radius 1. */
    CIRCLES("circles", 2) {
        @Override void point(int label, double noise, SplittableRandom r, double[] out) {
            double angle = 2 * Math.PI * r.nextDouble();
            double radius = label == 1 ? 0.5 : 1.0;
            out[0] = radius * Math.cos(angle) + 0.15 * noise * r.nextGaussian();
            out[1] = radius * Math.sin(angle) + 0.15 * noise * r.nextGaussian();
        }
    },
    /** Two interleaved spiral arms, one per class. */
    SPIRAL("spiral", 2) {
        @Override void point(int label, double noise, SplittableRandom r, double[] out) {
            double t = 0.1 + 0.9 * r.nextDouble();
            double angle = 3 * Math.PI * t + label * Math.PI;
            out[0] = t * Math.cos(angle) + 0.1 * noise * r.nextGaussian();
            out[1] = t * Math.sin(angle) + 0.1 * noise * r.nextGaussian();
        }
    },
    /** Three Gaussian blobs on a circle of radius 1.5. */
    BLOBS3("blobs3", 3) {
        @Override void point(int label, double noise, SplittableRandom r, double[] out) {
            double angle = Math.PI / 2 + 2 * Math.PI * label / 3;
            blob(1.5 * Math.cos(angle), 1.5 * Math.sin(angle), noise, r, out);
        }
    };

    private final String id;
    private final int classes;

    Generator(String id, int classes) {
        this.id = id;
        this.classes = classes;
    }

    /** The name used as {@code data=}. */
    public String id() {
        return id;
    }

    /** 0 for regression, else the number of classes. */
    public int classes() {
        return classes;
    }

    public boolean regression() {
        return classes == 0;
    }

    /** The number of input columns: 1 for regression, 2 for the classes' plane. */
    public int inputs() {
        return regression() ? 1 : 2;
    }

    /** The number of target columns: 1 for regression and two classes, else one per class. */
    public int targets(boolean oneHotBinary) {
        if (classes == 0) {
            return 1;
        }
        return classes == 2 && !oneHotBinary ? 1 : classes;
    }

    /**
     * n examples drawn from {@code random}. With {@code oneHotBinary}, two classes get two
     * one-hot target columns (for ce) instead of one 0/1 column.
     */
    public DataSet generate(int n, double noise, SplittableRandom random, boolean oneHotBinary) {
        int inputs = inputs();
        int k = targets(oneHotBinary);
        DMatrixRMaj x = new DMatrixRMaj(n, inputs);
        DMatrixRMaj y = new DMatrixRMaj(n, k);
        double[] p = new double[inputs];
        for (int i = 0; i < n; i++) {
            if (regression()) {
                double xi = xRange() * (2 * random.nextDouble() - 1);
                x.data[i] = xi;
                y.data[i] = f(xi) + noise * random.nextGaussian();
            } else {
                int label = i % classes;
                point(label, noise, random, p);
                System.arraycopy(p, 0, x.data, i * inputs, inputs);
                if (k == 1) {
                    y.data[i] = label;
                } else {
                    y.data[i * k + label] = 1.0;
                }
            }
        }
        return new DataSet(x, y, inputNames(inputs), targetNames(k));
    }

    double f(double x) {
        throw new UnsupportedOperationException(id + " is not a regression data set");
    }

    double xRange() {
        return 1.0;
    }

    void point(int label, double noise, SplittableRandom r, double[] out) {
        throw new UnsupportedOperationException(id + " is not a classification data set");
    }

    static void blob(double cx, double cy, double noise, SplittableRandom r, double[] out) {
        double spread = 0.25 + 0.5 * noise;
        out[0] = cx + spread * r.nextGaussian();
        out[1] = cy + spread * r.nextGaussian();
    }

    private static List<String> inputNames(int inputs) {
        return inputs == 1 ? List.of("x") : List.of("x1", "x2");
    }

    private static List<String> targetNames(int k) {
        if (k == 1) {
            return List.of("y");
        }
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= k; j++) {
            names.add("y" + j);
        }
        return names;
    }

    /** The generator called {@code id}, if there is one. */
    public static Optional<Generator> parse(String id) {
        return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
    }
}
