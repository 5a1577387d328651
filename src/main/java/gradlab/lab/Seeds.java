package gradlab.lab;

import java.util.SplittableRandom;

/**
 * One {@code seed} gives independent random streams, so that changing n (the data) does not
 * change θ0, and neither changes the minibatch order's stream; the gradient cloud's sample of
 * examples has a stream of its own.
 */
public enum Seeds {
    INITIAL_PARAMETERS, DATA, MINIBATCHES, CLOUD;

    public SplittableRandom random(int seed) {
        if (this == CLOUD) {
            // below every number of the first three streams (seeds are ≥ 0), which keep theirs
            return new SplittableRandom(-1L - seed);
        }
        // 3·seed + stream is one-to-one over (seed, stream); SplittableRandom mixes it further
        return new SplittableRandom(3L * seed + ordinal());
    }
}
