package gradlab.view;

import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.p;

import j2html.tags.ContainerTag;
import j2html.tags.DomContent;

/**
 * A table or chart wider than a phone's screen scrolls sideways in its own box. The box is
 * named, and when its content does overflow the page's script makes it a tab stop (so that a
 * keyboard can scroll it) and shows the hint that says it scrolls.
 */
final class ScrollBox {
    /** Shown (by the stylesheet) only above a box whose content overflows. */
    private static final DomContent HINT = p("Scroll sideways to see all of it.").withClass("scroll-hint");

    private ScrollBox() {
    }

    /** A box named by the element with id {@code labelledBy} (a table's caption). */
    static DomContent labelledBy(String labelledBy, String classes, DomContent content) {
        return each(HINT, box(classes, content).attr("aria-labelledby", labelledBy));
    }

    /** A box named by {@code label}. */
    static DomContent labelled(String label, String classes, DomContent content) {
        return each(HINT, box(classes, content).attr("aria-label", label));
    }

    private static ContainerTag<?> box(String classes, DomContent content) {
        return div(content).withClass("scroll-box " + classes).attr("role", "group");
    }
}
