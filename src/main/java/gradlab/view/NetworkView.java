package gradlab.view;

import static j2html.TagCreator.div;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.p;

import java.util.Optional;

import j2html.tags.DomContent;

import org.ejml.data.DMatrixRMaj;

import gradlab.engine.Metrics;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;
import gradlab.lab.Comparison;
import gradlab.view.svg.NetworkChart;
import gradlab.view.svg.SvgElement;

/**
 * The network drawn: where in the net a naive procedure goes wrong, weight by weight, with
 * each layer's relative error. The naive procedure is chosen as for the cloud: the one its
 * plane names, else the first compared.
 */
public final class NetworkView {
    /** The id a lesson links to (/lab#network). */
    public static final String ID = "network";
    /** Above this many weights, units only. */
    public static final int MAX_EDGES = 4096;

    private NetworkView() {
    }

    /** The naive procedure drawn, if any is compared. */
    static Optional<Procedure> naive(Comparison c) {
        return c.spec().plane().naive().or(() -> c.gradients().keySet().stream().filter(Procedure::isNaive).findFirst());
    }

    public static DomContent section(Comparison c, LabLinks links) {
        Optional<Procedure> naive = naive(c);
        String caption = caption(c, naive);
        return div(
                h3("The network, weight by weight"),
                Charts.figure(svg(c, naive, caption), caption, ComparisonChart.NETWORK, links)
        ).withId(ID).withClass("network");
    }

    static SvgElement svg(Comparison c) {
        Optional<Procedure> naive = naive(c);
        return svg(c, naive, caption(c, naive));
    }

    private static SvgElement svg(Comparison c, Optional<Procedure> naive, String caption) {
        int[] sizes = c.model().sizes();
        int layers = sizes.length - 1;
        Parameters correct = c.gradients().get(Procedure.REFERENCE);
        Parameters other = naive.map(p -> c.gradients().get(p)).orElse(correct);
        double[][][] edges = weights(sizes) <= MAX_EDGES ? new double[layers][][] : null;
        double[][] units = new double[layers][];
        for (int l = 1; l <= layers; l++) {
            DMatrixRMaj w = other.w(l);
            DMatrixRMaj w0 = correct.w(l);
            units[l - 1] = new double[w.numRows];
            if (edges != null) {
                edges[l - 1] = new double[w.numRows][w.numCols];
            }
            for (int r = 0; r < w.numRows; r++) {
                double sum = Math.pow(other.b(l).get(r, 0) - correct.b(l).get(r, 0), 2);
                for (int col = 0; col < w.numCols; col++) {
                    // naive − correct for W^l[r, col]
                    double d = w.get(r, col) - w0.get(r, col);
                    sum += d * d;
                    if (edges != null) {
                        edges[l - 1][r][col] = d;
                    }
                }
                units[l - 1][r] = Math.sqrt(sum);
            }
        }
        double[] layerError = naive.map(p -> c.metrics().get(p)).map(Metrics::perLayerRelativeError)
                .orElse(new double[layers]);
        String title = naive.map(p -> "Where " + p.id() + " goes wrong, weight by weight").orElse("The network");
        return NetworkChart.render("chart-network", title, caption, sizes, edges, units, layerError);
    }

    private static long weights(int[] sizes) {
        long n = 0;
        for (int l = 1; l < sizes.length; l++) {
            n += (long) sizes[l] * sizes[l - 1];
        }
        return n;
    }

    static String caption(Comparison c, Optional<Procedure> naive) {
        int[] sizes = c.model().sizes();
        boolean units = weights(sizes) > MAX_EDGES;
        String shape = java.util.Arrays.stream(sizes).mapToObj(Integer::toString)
                .collect(java.util.stream.Collectors.joining("–"));
        if (naive.isEmpty()) {
            return "The network's units (" + shape + "). No naive procedure is compared, so every weight's gradient is "
                    + "the correct one.";
        }
        Metrics m = c.metrics().get(naive.get());
        StringBuilder s = new StringBuilder("The network's units (" + shape + ")");
        s.append(units ? ", each coloured by how far " + naive.get().id() + "'s gradient of its incoming weights is from "
                + "the correct one (" + Format.count(weights(sizes), "weight") + " are too many to draw one by one)"
                : " and weights, each weight coloured by " + naive.get().id() + " − correct for its gradient: blue below, "
                + "orange above, grey where they agree");
        s.append("; each layer on its own scale, labelled with its relative error:");
        double[] e = m.perLayerRelativeError();
        for (int l = 0; l < e.length; l++) {
            s.append(l == 0 ? " " : ", ").append("layer ").append(l + 1).append(" ")
                    .append(Double.isNaN(e[l]) ? "—" : Double.isInfinite(e[l]) ? "∞" : Format.num(e[l]));
        }
        return s.append(".").toString();
    }
}
