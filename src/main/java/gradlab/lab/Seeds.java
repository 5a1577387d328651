package gradlab.lab;

import java.util.SplittableRandom;

/**
 * One {@code seed} gives three independent random streams, so that changing n (the data)
 * does not change θ0, and neither changes the minibatch order's stream.
 */
public enum Seeds {
    INITIAL_PARAMETERS, DATA, MINIBATCHES;

    public SplittableRandom random(int seed) {
        // 3·seed + stream is one-to-one over (seed, stream); SplittableRandom mixes it further
        return new SplittableRandom(3L * seed + ordinal());
    }
}
