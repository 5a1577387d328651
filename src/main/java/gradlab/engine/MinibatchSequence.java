package gradlab.engine;

import java.util.SplittableRandom;

/**
 * The seeded sequence of minibatches every copy trains on: each epoch, the first included,
 * is a fresh permutation of the n examples cut into consecutive minibatches of exactly
 * {@code batch} examples; the last n mod batch examples of each epoch are skipped.
 */
public final class MinibatchSequence {
    private final int n;
    private final int batch;
    private final SplittableRandom random;
    private int[] permutation;
    private int next;

    public MinibatchSequence(int n, int batch, SplittableRandom random) {
        if (batch < 1 || batch > n) {
            throw new IllegalArgumentException("batch " + batch + " for " + n + " examples");
        }
        this.n = n;
        this.batch = batch;
        this.random = random;
    }

    /** The indices of the next minibatch, in order. */
    public int[] next() {
        if (permutation == null || next + batch > n) {
            permutation = permutation(n, random);
            next = 0;
        }
        int[] out = new int[batch];
        System.arraycopy(permutation, next, out, 0, batch);
        next += batch;
        return out;
    }

    /**
     * Passes over the next {@code count} minibatches as {@link #next()} would give them, drawing
     * the same permutations, so that the sequence then stands where it would after them.
     */
    public void skip(int count) {
        for (int i = 0; i < count; i++) {
            if (permutation == null || next + batch > n) {
                permutation = permutation(n, random);
                next = 0;
            }
            next += batch;
        }
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
