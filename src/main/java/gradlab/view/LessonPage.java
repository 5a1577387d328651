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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        // "What to look for" is about the lab: it goes beside it (or just above it on a narrower screen)
        String[] parts = splitAt(lesson.html(), LOOK_FOR);
        return Layout.page(lesson.title(), lesson.summary(), true,
                nav(a("Lessons").withHref(Paths.HOME), text(" / " + lesson.title())).withClass("crumbs").attr("aria-label", "Breadcrumb"),
                article(
                        h1(lesson.title()),
                        p(lesson.summary()).withClass("lede"),
                        // rendered once, when the lesson was read (LessonText escapes any HTML in the file)
                        div(rawHtml(parts[0])).withClass("lesson-text")
                ).withClass("lesson"),
                section(
                        h2("The lab"),
                        p(text("This lesson's preset. Change it here, or "),
                                a("open it in the full lab").withHref(labLink).withClass("open-in-lab"),
                                text(" to change everything.")).withClass("lede"),
                        div(parts[1].isEmpty() ? null
                                        : div(div(rawHtml(parts[1])).withClass("lesson-text")).withClass("look-for"),
                                LabPage.columns(
                                        LabForm.render(FormValues.of(c.spec()), limits, null, null, lesson.hidden(), false,
                                                NoiseMeter.of(c)),
                                        ComparisonView.panel(c), TrainingView.idle(), ComparisonView.parameters(c))
                        ).withClass("lab-and-notes")
                ).withClass("lesson-lab"),
                nav(previous == null ? null : a("← " + previous.title()).withHref(Paths.lesson(previous.id())),
                        next == null ? null : a(next.title() + " →").withHref(Paths.lesson(next.id())))
                        .withClass("pager").attr("aria-label", "Previous and next lesson"));
    }

    /** The heading of a lesson's last section, which speaks of what the lab shows. */
    private static final Pattern LOOK_FOR = Pattern.compile("<h2[^>]*>What to look for</h2>");

    /** The HTML before the heading and from it on; all of it and "" without the heading. */
    static String[] splitAt(String html, Pattern heading) {
        Matcher m = heading.matcher(html);
        return m.find() ? new String[] {html.substring(0, m.start()), html.substring(m.start())} : new String[] {html, ""};
    }

    /** The lessons in order, for the pager. */
    public static Lesson neighbour(List<Lesson> all, Lesson lesson, int step) {
        int i = all.indexOf(lesson) + step;
        return i >= 0 && i < all.size() ? all.get(i) : null;
    }
}
