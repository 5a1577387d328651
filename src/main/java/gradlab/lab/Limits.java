package gradlab.lab;

/**
 * The caps an instructor may lower or raise, with DESIGN's defaults. Values above a cap are
 * refused like any other bad value, with the cap in the message.
 *
 * @param maxN            the most examples, n
 * @param maxLayers       the most hidden layers
 * @param maxWidth        the widest hidden layer
 * @param maxSteps        the most training steps
 * @param maxCompareWork  the most n × scalars of θ for a comparison at θ0
 * @param trainWorkBudget the most work (examples × scalars processed) one training run may do; it then ends as "budget"
 */
public record Limits(int maxN, int maxLayers, int maxWidth, int maxSteps, long maxCompareWork, long trainWorkBudget) {
    public static final Limits DEFAULT = new Limits(10_000, 6, 64, 5_000, 50_000_000L, Long.MAX_VALUE);
}
