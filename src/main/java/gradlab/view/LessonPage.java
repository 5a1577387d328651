package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.article;
import static j2html.TagCreator.div;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.nav;
import static j2html.TagCreator.p;
import static j2html.TagCreator.rawHtml;
import static j2html.TagCreator.section;
import static j2html.TagCreator.text;

import java.util.List;

import gradlab.lab.Comparison;
import gradlab.lab.Lesson;
import gradlab.lab.Limits;

/**
 * /lesson/{id}: the lesson's text, then its live lab with the preset (the controls the
 * lesson hides are fixed), and a way to open it in the full lab.
 */
public final class LessonPage {
    private LessonPage() {
    }

    public static String page(Lesson lesson, Comparison c, Limits limits, Lesson previous, Lesson next) {
        String labLink = Paths.withQuery(Paths.LAB, lesson.preset());
        return Layout.page(lesson.title(), lesson.summary(), true,
                nav(a("Lessons").withHref(Paths.HOME), text(" / " + lesson.title())).withClass("crumbs").attr("aria-label", "Breadcrumb"),
                article(
                        h1(lesson.title()),
                        p(lesson.summary()).withClass("lede"),
                        // rendered once, when the lesson was read (LessonText escapes any HTML in the file)
                        div(rawHtml(lesson.html())).withClass("lesson-text")
                ).withClass("lesson"),
                section(
                        h2("The lab"),
                        p(text("This lesson's preset. Change it here, or "),
                                a("open it in the full lab").withHref(labLink).withClass("open-in-lab"),
                                text(" to change everything.")).withClass("lede"),
                        div(div(LabForm.render(FormValues.of(c.spec()), limits, null, null, lesson.hidden(), false))
                                        .withClass("controls-column"),
                                div(ComparisonView.panel(c), TrainingView.idle(), ComparisonView.parameters(c))
                                        .withClass("results-column")).withClass("lab")
                ).withClass("lesson-lab"),
                nav(previous == null ? null : a("← " + previous.title()).withHref(Paths.lesson(previous.id())),
                        next == null ? null : a(next.title() + " →").withHref(Paths.lesson(next.id())))
                        .withClass("pager").attr("aria-label", "Previous and next lesson"));
    }

    /** The lessons in order, for the pager. */
    public static Lesson neighbour(List<Lesson> all, Lesson lesson, int step) {
        int i = all.indexOf(lesson) + step;
        return i >= 0 && i < all.size() ? all.get(i) : null;
    }
}
