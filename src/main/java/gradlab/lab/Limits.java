package gradlab.lab;

/**
 * The caps an instructor may lower or raise, with DESIGN's defaults. Values above a cap are
 * refused like any other bad value, with the cap in the message.
 *
 * @param maxN            the most examples, n
 * @param maxLayers       the most hidden layers
 * @param maxWidth        the widest hidden layer
 * @param maxTotalWidth   the most hidden units in all layers together
 * @param maxSteps        the most training steps
 * @param maxCompareWork  the most n × scalars of θ for a comparison at θ0
 * @param trainWorkBudget the most work (examples × scalars processed) one training run may do; it then ends as "budget"
 */
public record Limits(int maxN, int maxLayers, int maxWidth, int maxTotalWidth, int maxSteps, long maxCompareWork,
                     long trainWorkBudget) {
    /** DESIGN's ranges of the query parameters: the most an instructor may allow. */
    public static final int MAX_N = 10_000;
    public static final int MAX_LAYERS = 6;
    public static final int MAX_WIDTH = 64;
    public static final int MAX_TOTAL_WIDTH = 384;
    public static final int MAX_STEPS = 5_000;

    /**
     * DESIGN's ranges, and a training budget of 5·10¹⁰ examples × parameters: the largest lab
     * (n 10000, six layers of 64, 5000 steps) would need 10¹², a few minutes of a core.
     */
    public static final Limits DEFAULT = new Limits(MAX_N, MAX_LAYERS, MAX_WIDTH, MAX_TOTAL_WIDTH, MAX_STEPS, 50_000_000L,
            50_000_000_000L);

    public Limits withMaxN(int v) {
        return new Limits(v, maxLayers, maxWidth, maxTotalWidth, maxSteps, maxCompareWork, trainWorkBudget);
    }

    public Limits withMaxLayers(int v) {
        return new Limits(maxN, v, maxWidth, maxTotalWidth, maxSteps, maxCompareWork, trainWorkBudget);
    }

    public Limits withMaxWidth(int v) {
        return new Limits(maxN, maxLayers, v, maxTotalWidth, maxSteps, maxCompareWork, trainWorkBudget);
    }

    public Limits withMaxTotalWidth(int v) {
        return new Limits(maxN, maxLayers, maxWidth, v, maxSteps, maxCompareWork, trainWorkBudget);
    }

    public Limits withMaxSteps(int v) {
        return new Limits(maxN, maxLayers, maxWidth, maxTotalWidth, v, maxCompareWork, trainWorkBudget);
    }

    public Limits withMaxCompareWork(long v) {
        return new Limits(maxN, maxLayers, maxWidth, maxTotalWidth, maxSteps, v, trainWorkBudget);
    }

    public Limits withTrainWorkBudget(long v) {
        return new Limits(maxN, maxLayers, maxWidth, maxTotalWidth, maxSteps, maxCompareWork, v);
    }
}
