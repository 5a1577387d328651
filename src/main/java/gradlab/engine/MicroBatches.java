package gradlab.engine;

import java.util.Arrays;

/**
 * Micro-batch sizes n_1..n_K that cut a batch into consecutive slices, in order.
 */
public record MicroBatches(int[] sizes) {
    public MicroBatches {
        if (sizes.length == 0) {
            throw new IllegalArgumentException("at least one micro-batch");
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("micro-batch sizes are positive: " + Arrays.toString(sizes));
            }
        }
        sizes = sizes.clone();
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    /** Σ n_k. */
    public int total() {
        return Arrays.stream(sizes).sum();
    }

    /** The slices of a batch of exactly {@link #total()} examples. */
    public Batch[] slices(Batch batch) {
        if (batch.size() != total()) {
            throw new IllegalArgumentException("micro-batches of " + total() + " examples for a batch of " + batch.size());
        }
        Batch[] out = new Batch[sizes.length];
        int from = 0;
        for (int k = 0; k < sizes.length; k++) {
            out[k] = batch.slice(from, from + sizes[k]);
            from += sizes[k];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MicroBatches m && Arrays.equals(sizes, m.sizes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes);
    }

    @Override
    public String toString() {
        return Arrays.toString(sizes);
    }
}
