package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.figcaption;
import static j2html.TagCreator.span;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import j2html.tags.ContainerTag;

/** A chart in the page: the SVG, its caption (the text alternative) and a download link. */
public final class Charts {
    private Charts() {
    }

    public static ContainerTag<?> figure(ContainerTag<?> svg, String caption, String fileName) {
        String rendered = svg.render();
        return j2html.TagCreator.figure(
                svg,
                figcaption(span(caption), a("download SVG").withHref(dataUrl(rendered))
                        .attr("download", fileName).withClass("download"))
        ).withClass("chart-figure");
    }

    static String dataUrl(String svg) {
        return "data:image/svg+xml;charset=utf-8," + URLEncoder.encode(svg, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
