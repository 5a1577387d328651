package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.body;
import static j2html.TagCreator.footer;
import static j2html.TagCreator.head;
import static j2html.TagCreator.header;
import static j2html.TagCreator.html;
import static j2html.TagCreator.iff;
import static j2html.TagCreator.link;
import static j2html.TagCreator.main;
import static j2html.TagCreator.meta;
import static j2html.TagCreator.nav;
import static j2html.TagCreator.p;
import static j2html.TagCreator.script;
import static j2html.TagCreator.span;
import static j2html.TagCreator.title;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import j2html.tags.DomContent;

/**
 * The frame of every page: head (styles, htmx and its SSE extension, all from this server),
 * a header with the name and the way home, the page's main content, a footer.
 */
public final class Layout {
    /**
     * htmx's settings. 422 (a bad value) is swapped so that its message appears next to its
     * field; 204 is not; other errors are not swapped. No inline styles or eval, so that the
     * Content-Security-Policy can forbid both. No history snapshots (see below).
     */
    static final String HTMX_CONFIG = htmxConfig();

    private Layout() {
    }

    /** The link that a keyboard meets first, past the header to what the page is for. */
    public record Skip(String label, String href) {
    }

    private static final Skip TO_CONTENT = new Skip("Skip to the content", "#main");

    /** A page, with the sentence that search engines and link previews show for it. */
    public static String page(String pageTitle, String description, DomContent... content) {
        return page(pageTitle, description, false, TO_CONTENT, content);
    }

    /** A page whose skip link goes somewhere of its own. */
    public static String page(String pageTitle, String description, Skip skip, DomContent... content) {
        return page(pageTitle, description, false, skip, content);
    }

    /**
     * A page; with {@code math}, KaTeX (from its WebJar) typesets the formulas in it after the
     * first paint (static/math.js). Every script is deferred: none holds up the first paint.
     */
    public static String page(String pageTitle, String description, boolean math, DomContent... content) {
        return page(pageTitle, description, math, TO_CONTENT, content);
    }

    private static String page(String pageTitle, String description, boolean math, Skip skip, DomContent... content) {
        return Html.document(html(
                head(
                        meta().attr("charset", "utf-8"),
                        meta().attr("name", "viewport").attr("content", "width=device-width, initial-scale=1"),
                        meta().attr("name", "htmx-config").attr("content", HTMX_CONFIG),
                        title(pageTitle + " · GradLab"),
                        meta().attr("name", "description").attr("content", description),
                        link().attr("rel", "icon").attr("type", "image/svg+xml").attr("href", Assets.ICON),
                        link().attr("rel", "stylesheet").attr("href", Assets.STYLESHEET),
                        link().attr("rel", "stylesheet").attr("href", Paths.PROCEDURE_STYLES),
                        script().attr("src", Assets.HTMX).attr("defer", "defer"),
                        script().attr("src", Assets.HTMX_SSE).attr("defer", "defer"),
                        script().attr("src", Assets.SCRIPT).attr("defer", "defer"),
                        iff(math, link().attr("rel", "stylesheet").attr("href", Assets.KATEX + "katex.min.css")),
                        iff(math, script().attr("src", Assets.KATEX + "katex.min.js").attr("defer", "defer")),
                        iff(math, script().attr("src", Assets.MATH).attr("defer", "defer"))),
                body(
                        a(skip.label()).withHref(skip.href()).withClass("skip-link"),
                        header(
                                a(span("∇").withClass("logo"), span(" GradLab")).withHref("/").withClass("brand"),
                                nav(a("Lessons").withHref(Paths.HOME), a("Lab").withHref(Paths.LAB)).attr("aria-label", "Site")
                        ).withClass("site"),
                        main(content).withId("main"),
                        footer(p("GradLab " + Assets.VERSION
                                + " · the gradient of a mean is the mean of the gradients"))
                                .withClass("site"))
        ).attr("lang", "en"));
    }

    /** HTMX_CONFIG written by Jackson. */
    private static String htmxConfig() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode();
        ArrayNode handling = config.putArray("responseHandling");
        handling.addObject().put("code", "204").put("swap", false);
        handling.addObject().put("code", "[23]..").put("swap", true);
        handling.addObject().put("code", "422").put("swap", true);
        handling.addObject().put("code", "[45]..").put("swap", false).put("error", true);
        config.put("includeIndicatorStyles", false).put("allowEval", false).put("allowScriptTags", false);
        // Back and Forward ask the server for the page of that address instead of restoring a
        // snapshot: a snapshot holds the form's first values rather than its current ones, and
        // a finished run's stream element, which would open and run again
        config.put("historyCacheSize", 0).put("refreshOnHistoryMiss", false);
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
