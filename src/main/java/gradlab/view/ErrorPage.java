package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.div;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.p;

/** A short page, or fragment, that says what went wrong and where to go. */
public final class ErrorPage {
    private ErrorPage() {
    }

    public static String page(String title, String message) {
        return Layout.page(title, message, div(h1(title), p(message), p(a("Open the lab").withHref(Paths.LAB)))
                .withClass("intro"));
    }

    public static String fragment(String message) {
        return Html.render(p(message).withClass("status error"));
    }
}
