package gradlab.lab;

/** What {@code /api/compare} says about each example beyond its gradient's norm (parameter {@code examples}). */
public enum Examples {
    /** The norms ‖g_i‖ only. */
    NONE(""),
    /** Every example's own gradient g_i as well. */
    GRADIENTS("gradients");

    /** The most numbers B × scalars that {@code examples=gradients} lists. */
    public static final long MAX_NUMBERS = 100_000L;

    private final String id;

    Examples(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
