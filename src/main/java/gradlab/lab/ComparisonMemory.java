package gradlab.lab;

import gradlab.engine.Model;
import gradlab.engine.Workspaces;

/**
 * What a comparison holds on the heap at its peak, estimated before it is computed, so that a
 * server admits only as many large comparisons at once as its memory holds. The per-example
 * procedures and finite differences keep little (a trace or a forward pass at a time, garbage
 * at once); the batched pass keeps N × width buffers for the whole batch, and the landscape
 * keeps two more sets of them (one for J at the grid's nodes, one for its gradients). Measured
 * on n = 10000 with hidden 64,64, relu (31 MB of buffers a pass), each further comparison
 * drawn as a page needed about 36 MB more heap and each further landscape about 76 MB; the
 * estimate counts passes with room to spare for the garbage a collector has not yet taken.
 */
public final class ComparisonMemory {
    /** The comparison's batched pass, and as much again for the garbage of the per-example passes and the page. */
    static final int COMPARISON_PASSES = 2;
    /** The landscape's two sets of buffers beside the comparison's. */
    static final int LANDSCAPE_PASSES = 2;
    /** Per example: the data, the batch's copy of it, and the page's points drawn from it. */
    static final long PER_EXAMPLE = 512;
    /** θ, the gradients and the page around them (every example's gradient, where asked for, is counted apart). */
    static final long FIXED = 1L << 20;

    /** What a request draws from the comparison. */
    public enum Extent {
        /** The comparison: its page, fragment, JSON, CSV or one of its charts. */
        COMPARISON,
        /** The comparison and the landscape around θ0. */
        LANDSCAPE
    }

    private ComparisonMemory() {
    }

    /** The bytes a comparison of the spec, for this network, holds at its peak. */
    public static long bytes(LabSpec spec, Model model, Extent extent) {
        int passes = COMPARISON_PASSES + (extent == Extent.LANDSCAPE ? LANDSCAPE_PASSES : 0);
        long exampleGradients = spec.examples() == Examples.GRADIENTS ? 8L * spec.batch() * model.scalars() : 0;
        return passes * Workspaces.bytes(model, spec.batch()) + PER_EXAMPLE * spec.n() + exampleGradients + FIXED;
    }
}
