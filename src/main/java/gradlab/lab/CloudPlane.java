package gradlab.lab;

import java.util.List;
import java.util.Optional;

import gradlab.engine.Procedure;

/**
 * The gradient cloud's plane (parameter {@code plane}): {@code naive} spans the correct
 * gradient and the first compared naive gradient's part orthogonal to it; {@code naive:<id>}
 * names that naive procedure; {@code params} is the landscape's two parameter axes.
 *
 * @param params whether the plane is two parameters' axes
 * @param naive  the naive procedure named, when {@code naive:<id>} names one
 */
public record CloudPlane(boolean params, Optional<Procedure> naive) {
    /** The default: the correct gradient and the first naive one's deviation from it. */
    public static final CloudPlane NAIVE = new CloudPlane(false, Optional.empty());
    /** Two parameters' axes. */
    public static final CloudPlane PARAMS = new CloudPlane(true, Optional.empty());

    private static final String NAMED = "naive:";

    /** The plane as the URL writes it. */
    public String id() {
        return params ? "params" : naive.map(p -> NAMED + p.id()).orElse("naive");
    }

    /** The plane the text names, where {@code compared} holds the naive procedures a lab compares. */
    static Optional<CloudPlane> parse(String text, List<Procedure> compared) {
        if (text.equals("naive")) {
            return Optional.of(NAIVE);
        }
        if (text.equals("params")) {
            return Optional.of(PARAMS);
        }
        if (text.startsWith(NAMED)) {
            return Procedure.parse(text.substring(NAMED.length())).filter(compared::contains)
                    .map(p -> new CloudPlane(false, Optional.of(p)));
        }
        return Optional.empty();
    }
}
