package gradlab.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import gradlab.engine.Batch;
import gradlab.engine.ExampleGradients;
import gradlab.engine.Model;
import gradlab.engine.NoiseScale;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;

/**
 * What a comparison says about each example's own gradient g_i: ‖g_i‖ for the batch, every
 * g_i where the spec asks for them, the noise scale over all n examples, and with micro-batches
 * each example's weight in the sum that accumulate and mean-of-means make of the g_i.
 *
 * @param norms     ‖g_i‖ in batch order
 * @param gradients every g_i in batch order (empty unless examples=gradients)
 * @param noise     the noise scale over all the data at θ, for the spec's batch size
 * @param weights   with micro: accumulate's 1/B and mean-of-means' 1/(K·n_k), in batch order (else empty)
 * @param cloud     the gradient cloud of the batch
 */
public record ExampleGradientFacts(double[] norms, List<Parameters> gradients, NoiseScale noise,
                                   Map<Procedure, double[]> weights, Cloud cloud) {

    static ExampleGradientFacts of(LabSpec spec, Model model, Parameters theta, Batch batch, Batch data,
                                   Map<Procedure, Parameters> gradients) {
        int b = batch.size();
        // a batch of all n examples is the data in another order: one pass over it serves the noise scale too
        boolean whole = b == data.size();
        Parameters mean = gradients.get(Procedure.REFERENCE);
        double[] norms = new double[b];
        List<Parameters> each = new ArrayList<>();
        Cloud.Pass cloud = new Cloud.Pass(spec, gradients, b);
        double spread = 0;
        for (int i = 0; i < b; i++) {
            ExampleGradients.Factors f = ExampleGradients.of(model, theta, batch, i);
            norms[i] = Math.sqrt(f.normSquared());
            cloud.add(i, f, norms[i]);
            if (whole && b > 1) {
                spread += f.distanceSquared(mean);
            }
            if (spec.examples() == Examples.GRADIENTS) {
                each.add(f.gradient(theta));
            }
        }
        NoiseScale noise = whole ? NoiseScale.of(mean, spread, b, spec.batch())
                : NoiseScale.of(model, theta, data, spec.batch());
        return new ExampleGradientFacts(norms, List.copyOf(each), noise, weights(spec.microSizes()), cloud.finish());
    }

    /** Each example's weight: 1/B under accumulate, 1/(K·n_k) under mean-of-means for an example of micro-batch k. */
    static Map<Procedure, double[]> weights(int[] micro) {
        Map<Procedure, double[]> weights = new LinkedHashMap<>();
        if (micro.length == 0) {
            return weights;
        }
        int total = 0;
        for (int size : micro) {
            total += size;
        }
        double[] accumulate = new double[total];
        double[] meanOfMeans = new double[total];
        int i = 0;
        for (int size : micro) {
            for (int j = 0; j < size; j++, i++) {
                accumulate[i] = 1.0 / total;
                meanOfMeans[i] = 1.0 / ((double) micro.length * size);
            }
        }
        weights.put(Procedure.ACCUMULATE, accumulate);
        weights.put(Procedure.MEAN_OF_MEANS, meanOfMeans);
        return weights;
    }
}
