package gradlab.web;

import java.util.List;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import gradlab.lab.Lesson;
import gradlab.lab.Lessons;
import gradlab.view.GalleryPage;
import gradlab.view.LessonPage;

/** The gallery and the lessons (each lesson's comparison at its preset was computed when it was read). */
final class LessonController {
    private final Lessons lessons;
    private final Lab lab;

    LessonController(Lessons lessons, Lab lab) {
        this.lessons = lessons;
        this.lab = lab;
    }

    /** GET /. */
    void gallery(Context ctx) {
        List<GalleryPage.Card> cards = lessons.all().stream().map(l -> new GalleryPage.Card(l, l.comparison())).toList();
        ctx.html(GalleryPage.page(cards));
    }

    /** GET /lesson/{id}: only ever a key in the lessons' map, never a path. */
    void lesson(Context ctx) {
        Lesson lesson = lessons.find(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundResponse("no such lesson"));
        List<Lesson> all = lessons.all();
        ctx.html(LessonPage.page(lesson, lesson.comparison(), lab.limits(), LessonPage.neighbour(all, lesson, -1),
                LessonPage.neighbour(all, lesson, 1)));
    }
}
