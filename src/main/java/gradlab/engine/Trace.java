package gradlab.engine;

import java.util.List;

/**
 * What one forward pass leaves for the backward pass: the layer inputs a^0..a^{L-1}, the
 * slopes s^l = φ'(z^l) of the hidden layers l = 1..L-1, and the output error δ^L = ∂ℓ/∂z^L.
 * The backward pass reads nothing else, which is why "average the error" can be written
 * as "average the trace".
 */
public record Trace(double[][] inputs, double[][] slopes, double[] outputError, double loss) {

    /** a^{l-1}, the input of layer l = 1..L. */
    public double[] input(int l) {
        return inputs[l - 1];
    }

    /** s^l = φ'(z^l) for the hidden layer l = 1..L-1. */
    public double[] slope(int l) {
        return slopes[l - 1];
    }

    /** The element-wise mean of every field over the traces: ā^{l-1}, s̄^l, δ̄^L and the mean loss. */
    public static Trace mean(List<Trace> traces) {
        Trace first = traces.get(0);
        double[][] inputs = zerosLike(first.inputs);
        double[][] slopes = zerosLike(first.slopes);
        double[] error = new double[first.outputError.length];
        double loss = 0;
        for (Trace t : traces) {
            addTo(inputs, t.inputs);
            addTo(slopes, t.slopes);
            addTo(error, t.outputError);
            loss += t.loss;
        }
        double inv = 1.0 / traces.size();
        scale(inputs, inv);
        scale(slopes, inv);
        scale(error, inv);
        return new Trace(inputs, slopes, error, loss * inv);
    }

    private static double[][] zerosLike(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length];
        }
        return out;
    }

    private static void addTo(double[][] target, double[][] source) {
        for (int i = 0; i < target.length; i++) {
            addTo(target[i], source[i]);
        }
    }

    private static void addTo(double[] target, double[] source) {
        for (int j = 0; j < target.length; j++) {
            target[j] += source[j];
        }
    }

    private static void scale(double[][] a, double s) {
        for (double[] row : a) {
            scale(row, s);
        }
    }

    private static void scale(double[] a, double s) {
        for (int j = 0; j < a.length; j++) {
            a[j] *= s;
        }
    }
}
