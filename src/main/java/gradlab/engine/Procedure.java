package gradlab.engine;

import java.util.Optional;

/**
 * The gradient procedures of DESIGN's table, in its order (the order of the JSON API). The
 * id is the one spelling used in URLs, JSON, CSV headers and lessons; everything else
 * compares and switches on this type.
 */
public enum Procedure {
    PER_EXAMPLE("per-example", Kind.CORRECT, "back-propagate each example, then average",
            "#0072B2", "#0072b2",
            "Correct: back-propagate each example, then take the mean of the gradients."),
    BATCHED("batched", Kind.CORRECT, "one matrix back-propagation over the batch",
            "#209ADF", "#1f6f99",
            "Correct: the same mean, computed by one matrix back-propagation over the whole batch."),
    FINITE_DIFFERENCE("finite-difference", Kind.CHECK, "central differences of J",
            "#009E73", "#00785a",
            "A check: nudge each parameter by h both ways and measure how J changes. "
                    + "Slow, but independent of back-propagation."),
    MEAN_INPUT("mean-input", Kind.NAIVE, "average the data first",
            "#A0522D", "#a0522d",
            "Naive: average the inputs and targets of the batch first, then back-propagate "
                    + "that one made-up example."),
    MEAN_ERROR("mean-error", Kind.NAIVE, "average the error, back-propagate once",
            "#D55E00", "#b3420c",
            "Naive: run every example forward, average the output errors, the layer inputs and "
                    + "the slopes φ', then back-propagate once."),
    ACCUMULATE("accumulate", Kind.CORRECT, "micro-batches summed, divided once by N",
            "#000000", "#000000",
            "Correct: split the batch into micro-batches, add their gradient sums, divide once by N."),
    MEAN_OF_MEANS("mean-of-means", Kind.NAIVE, "the mean of the micro-batch means",
            "#CC79A7", "#a3507f",
            "Naive: the mean of the micro-batches' mean gradients — right only when every "
                    + "micro-batch has the same size.");

    /** What a procedure is to the lesson: the truth, a check of it, or a shortcut. */
    public enum Kind { CORRECT, CHECK, NAIVE }

    /** The reference every other procedure is measured against. */
    public static final Procedure REFERENCE = PER_EXAMPLE;

    private final String id;
    private final Kind kind;
    private final String label;
    private final String colour;
    private final String ink;
    private final String glossary;

    Procedure(String id, Kind kind, String label, String colour, String ink, String glossary) {
        this.id = id;
        this.kind = kind;
        this.label = label;
        this.colour = colour;
        this.ink = ink;
        this.glossary = glossary;
    }

    /** The id of URLs and JSON: per-example, batched, mean-error, … */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isNaive() {
        return kind == Kind.NAIVE;
    }

    /** What the procedure does, in a few words. */
    public String label() {
        return label;
    }

    /**
     * Its colour in every chart: Okabe and Ito's colour-blind-safe hues, with at least 3:1
     * against the white chart. Their sky blue is darkened to reach it; their orange, darkened,
     * would look like the vermillion to a deuteranope, so sienna takes its place.
     */
    public String colour() {
        return colour;
    }

    /** The same hue dark enough for text on white (contrast at least 4.5:1). */
    public String ink() {
        return ink;
    }

    /** One or two sentences for a reader who meets the id in a table. */
    public String glossary() {
        return glossary;
    }

    /** The procedure with this id, if there is one. */
    public static Optional<Procedure> parse(String id) {
        for (Procedure p : values()) {
            if (p.id.equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
