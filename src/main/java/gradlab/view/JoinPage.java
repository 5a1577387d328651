package gradlab.view;

import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.p;

import gradlab.lab.ClassCode;

/** GET /join: a student types the class's code; a refused code comes back here with why. */
public final class JoinPage {
    /** The form's field. */
    public static final String FIELD = "code";
    static final String ERROR_ID = "error-code";

    private JoinPage() {
    }

    /** The form, the code filled in ({@code code} may be null) and a message about it (or null). */
    public static String page(String code, String error) {
        return Layout.page("Join a class", "Join your class: type the code your instructor shows.",
                div(h1("Join a class"),
                        p("Type the code your instructor shows. You stay anonymous: no name, no account.")).withClass("intro"),
                form(
                        div(
                                label("Class code").attr("for", "f-code"),
                                input().withType("text").withName(FIELD).withId("f-code")
                                        .withValue(code == null ? "" : code)
                                        .attr("autocomplete", "off").attr("autocapitalize", "characters")
                                        .attr("spellcheck", "false").attr("maxlength", "20")
                                        .attr("size", Integer.toString(ClassCode.LENGTH + 2))
                                        .attr("required", "required")
                                        .attr("aria-describedby", ERROR_ID)
                                        .condAttr(error != null, "aria-invalid", "true"),
                                p(error == null ? "" : error).withId(ERROR_ID).withClass("field-error")
                                        .condAttr(error != null, "role", "alert")
                        ).withClass("field code-field"),
                        button("Join").withType("submit").withClass("primary")
                ).attr("method", "post").attr("action", Paths.JOIN).withClass("panel join-form"));
    }
}
