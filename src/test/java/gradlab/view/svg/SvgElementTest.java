package gradlab.view.svg;

import static j2html.TagCreator.div;
import static j2html.TagCreator.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Random;

import j2html.rendering.FlatHtml;
import j2html.tags.ContainerTag;
import org.junit.jupiter.api.Test;

import gradlab.view.Html;

/**
 * An SVG element is written byte for byte as j2html writes the same tag built the same way:
 * attributes set again, names alone, text and children in any order, and every value and
 * text escaped as j2html escapes it, on random strings over the characters that need it and
 * beyond.
 */
class SvgElementTest {
    private static final String ALPHABET = "ab <>&\"'θ‖−∇g_i=1.5;#\n\u00a0\uD835\uDF03";
    /** Few names, so that an attribute is often set again. */
    private static final List<String> NAMES = List.of("x", "y", "fill", "class", "data-q", "d");
    private static final List<String> TAGS = List.of("g", "circle", "text", "title", "path");

    /** The same element built twice, once as j2html's tag. */
    private record Pair(SvgElement svg, ContainerTag<?> j2html) {
    }

    @Test
    void randomElementsAreWrittenAsJ2htmlWritesTheSameTags() throws IOException {
        Random random = new Random(2026);
        for (int k = 0; k < 5_000; k++) {
            Pair p = element(random, 0);
            String expected = p.j2html().render();
            assertEquals(expected, Html.render(p.svg()));
            assertEquals(expected, p.svg().render(), "with j2html's own configuration");
            assertEquals(expected, p.svg().write(new StringBuilder()).toString());
            // inside a page, and written to an Appendable that is not a StringBuilder
            assertEquals(div(p.j2html()).render(), Html.render(div(p.svg())));
            StringWriter writer = new StringWriter();
            div(p.svg()).render(FlatHtml.into(writer));
            assertEquals(div(p.j2html()).render(), writer.toString());
        }
    }

    private static Pair element(Random random, int depth) {
        String name = TAGS.get(random.nextInt(TAGS.size()));
        Pair p = new Pair(Svg.element(name), tag(name));
        int steps = random.nextInt(8);
        for (int i = 0; i < steps; i++) {
            int what = random.nextInt(10);
            if (what < 5) {
                String attribute = NAMES.get(random.nextInt(NAMES.size()));
                Object value = switch (random.nextInt(6)) {
                    case 0 -> null;
                    case 1 -> random.nextInt(100) - 50;
                    default -> text(random);
                };
                p.svg().attr(attribute, value);
                p.j2html().attr(attribute, value);
            } else if (what < 7) {
                String text = random.nextInt(20) == 0 ? null : text(random);
                p.svg().withText(text);
                p.j2html().withText(text);
            } else if (depth < 3) {
                Pair child = element(random, depth + 1);
                p.svg().with(child.svg());
                p.j2html().with(child.j2html());
            }
        }
        return p;
    }

    private static String text(Random random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /** Each of the factory's elements is the j2html tag the charts were drawn with before. */
    @Test
    void theFactoryWritesTheTagsOfJ2html() {
        Random random = new Random(7);
        for (int k = 0; k < 2_000; k++) {
            String a = text(random);
            String b = text(random);
            String c = text(random);
            double x = coordinate(random);
            double y = coordinate(random);
            double w = coordinate(random);
            double h = coordinate(random);
            assertEquals(tag("svg").attr("xmlns", "http://www.w3.org/2000/svg")
                            .attr("viewBox", "0 0 " + Svg.num(w) + " " + Svg.num(h)).attr("role", "img")
                            .attr("aria-labelledby", a + "-title " + a + "-desc").attr("id", a).attr("class", "chart")
                            .attr("font-family", "system-ui, sans-serif").attr("font-size", "12")
                            .with(tag("title").attr("id", a + "-title").withText(b),
                                    tag("desc").attr("id", a + "-desc").withText(c)).render(),
                    Html.render(Svg.root(a, w, h, b, c)));
            assertEquals(tag("line").attr("x1", Svg.num(x)).attr("y1", Svg.num(y)).attr("x2", Svg.num(w))
                            .attr("y2", Svg.num(h)).attr("stroke", a).attr("stroke-width", Svg.num(x)).render(),
                    Html.render(Svg.line(x, y, w, h, a, x)));
            assertEquals(tag("rect").attr("x", Svg.num(x)).attr("y", Svg.num(y)).attr("width", Svg.num(Math.max(0, w)))
                            .attr("height", Svg.num(Math.max(0, h))).attr("fill", a).render(),
                    Html.render(Svg.rect(x, y, w, h, a)));
            assertEquals(tag("circle").attr("cx", Svg.num(x)).attr("cy", Svg.num(y)).attr("r", Svg.num(w))
                            .attr("fill", a).render(),
                    Html.render(Svg.circle(x, y, w, a)));
            assertEquals(tag("circle").attr("cx", Svg.num(x)).attr("cy", Svg.num(y)).attr("r", Svg.num(w)).render(),
                    Html.render(Svg.dot(x, y, w)));
            assertEquals(tag("path").attr("d", a).attr("fill", b).attr("stroke", c).attr("stroke-width", Svg.num(w))
                            .render(),
                    Html.render(Svg.path(a, b, c, w)));
            assertEquals(tag("text").attr("x", Svg.num(x)).attr("y", Svg.num(y)).attr("text-anchor", b)
                            .attr("fill", Palette.INK).withText(a).render(),
                    Html.render(Svg.text(x, y, a, b)));
            assertEquals(tag("g").with(tag("title").withText(a), tag("title").withText(b)).render(),
                    Html.render(Svg.group(Svg.tooltip(a), Svg.tooltip(b))));
        }
    }

    private static double coordinate(Random random) {
        return random.nextInt(4) == 0 ? random.nextInt(600) - 100 : (random.nextDouble() - 0.2) * 700;
    }

    @Test
    void anElementCannotHoldItself() {
        SvgElement g = Svg.group();
        assertThrows(IllegalArgumentException.class, () -> g.with(g));
    }
}
