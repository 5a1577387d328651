package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.button;
import static j2html.TagCreator.figcaption;
import static j2html.TagCreator.span;

import j2html.tags.ContainerTag;
import j2html.tags.DomContent;

import gradlab.lab.Comparison;
import gradlab.lab.Landscape;
import gradlab.view.svg.SvgElement;

/**
 * A chart in the page: the SVG, its caption (the text alternative) and a way to save it. The
 * page holds each SVG once: a comparison's chart is downloaded from its own address, and a
 * training run's (which no address can draw again without the run) is saved by the page's
 * script from the SVG on screen.
 */
public final class Charts {
    private Charts() {
    }

    /** A chart of the comparison, downloaded from the server. */
    public static ContainerTag<?> figure(SvgElement svg, String caption, ComparisonChart chart, LabLinks links) {
        return figure(svg, caption, a("download SVG").withHref(links.chart(chart)).attr("download", chart.fileName())
                .withClass("download"));
    }

    /** The landscape over its axes, downloaded from the server. */
    static ContainerTag<?> figure(SvgElement svg, String caption, Comparison c, Landscape l) {
        return figure(svg, caption, a("download SVG").withHref(ComparisonChart.url(c, l))
                .attr("download", ComparisonChart.LANDSCAPE.fileName()).withClass("download"));
    }

    /** A chart of a training run, saved by the page's script from the SVG shown. */
    public static ContainerTag<?> figure(SvgElement svg, String caption, String fileName) {
        return figure(svg, caption, button("download SVG").withType("button").attr("data-save-svg", fileName)
                .withClass("link download"));
    }

    private static ContainerTag<?> figure(SvgElement svg, String caption, DomContent save) {
        // a phone shows the chart at a size whose text stays readable, scrolling sideways
        return j2html.TagCreator.figure(ScrollBox.labelled("Chart", "chart-scroll", svg),
                figcaption(span(caption), save)).withClass("chart-figure");
    }
}
