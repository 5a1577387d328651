package gradlab.lab;

/**
 * Why the landscape shows no level-set pair (DESIGN F6). The lab only decides which case it
 * is; the view words it, so that the sentence lives once, next to the page that prints it.
 */
public enum MissingPair {
    /** The linear cost without a hidden layer: ∂ℓ/∂ŷ = −1 and ŷ = W x + b, so ∇J is the same at every θ. */
    LINEAR_COST,
    /** ∇J was the same at every grid point checked: J is linear over this plane. */
    LINEAR_PLANE,
    /** One example and no hidden layer, and the search found no pair: J depends on θ only through z = W x + b. */
    ONE_EXAMPLE_NO_HIDDEN_LAYER,
    /** The search found no two points of one level whose gradients are more than MIN_ANGLE_DEGREES apart. */
    NOT_FOUND
}
