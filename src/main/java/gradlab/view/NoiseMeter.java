package gradlab.view;

import static j2html.TagCreator.div;
import static j2html.TagCreator.span;
import static j2html.TagCreator.tag;

import j2html.tags.ContainerTag;

import gradlab.engine.NoiseScale;
import gradlab.lab.Comparison;

/**
 * The noise meter beside the batch field: how much of a minibatch step's direction is noise,
 * from the noise scale over all the data at θ0 (McCandlish et al. 2018). The meter shows
 * r/(1 + r), where r = E‖g_B − G‖²/‖G‖² is the minibatch noise ratio: the share of a step's
 * expected squared length that is noise.
 */
public final class NoiseMeter {
    /** The element's id: the comparison's fragment replaces it out of band. */
    public static final String ID = "noise-meter";

    private NoiseMeter() {
    }

    public static ContainerTag<?> of(Comparison c) {
        NoiseScale s = c.examples().noise();
        double r = s.minibatchNoiseRatio();
        String words = words(s, c.spec().n());
        ContainerTag<?> text = span(words).withId(ID + "-words");
        if (!Double.isFinite(r)) {
            return div(text).withId(ID).withClass("noise-meter hint");
        }
        double share = r / (1 + r);
        return div(tag("meter").attr("min", "0").attr("max", "1").attr("low", "0.34").attr("high", "0.67")
                        .attr("optimum", "0").attr("value", Format.num(share)).attr("aria-labelledby", ID + "-words")
                        .withText(Format.percent(share) + " noise"),
                text).withId(ID).withClass("noise-meter hint");
    }

    /** Two significant digits, written plainly: 140, 1.4, 0.012. */
    static String approximately(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }

    /** An empty meter, for a page whose values were refused. */
    public static ContainerTag<?> empty() {
        return div().withId(ID).withClass("noise-meter hint");
    }

    /** "your batch 8; B_simple ≈ 140: a step's direction is mostly noise", or why there is nothing to say. */
    static String words(NoiseScale s, int n) {
        int b = s.batch();
        if (Double.isNaN(s.bSimple())) {
            return n == 1 ? "One example: no noise scale to measure." : "The gradient is zero here: no noise scale.";
        }
        String head = "Your batch " + b + "; B_simple ≈ " + approximately(s.bSimple()) + ": ";
        double r = s.minibatchNoiseRatio();
        if (b == n) {
            return head + "the batch is all the data, so a step has no sampling noise.";
        }
        if (r > 1) {
            return head + "a step's direction is mostly noise.";
        }
        if (r > 0.25) {
            return head + "noise is a large part of a step.";
        }
        return head + "a step's direction is mostly signal.";
    }
}
