package gradlab.engine;

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
}
