package gradlab.web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import gradlab.lab.Comparison;
import gradlab.lab.Lesson;
import gradlab.lab.Lessons;
import gradlab.view.GalleryPage;
import gradlab.view.LessonPage;

/** The gallery and the lessons. A lesson's comparison at its preset is computed once. */
final class LessonController {
    private final Lessons lessons;
    private final Lab lab;
    private final Map<String, Comparison> presets = new ConcurrentHashMap<>();

    LessonController(Lessons lessons, Lab lab) {
        this.lessons = lessons;
        this.lab = lab;
    }

    /** GET /. */
    void gallery(Context ctx) {
        List<GalleryPage.Card> cards = lessons.all().stream().map(l -> new GalleryPage.Card(l, preset(l))).toList();
        ctx.html(GalleryPage.page(cards));
    }

    /** GET /lesson/{id}: only ever a key in the lessons' map, never a path. */
    void lesson(Context ctx) {
        Lesson lesson = lessons.find(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundResponse("no such lesson"));
        List<Lesson> all = lessons.all();
        ctx.html(LessonPage.page(lesson, preset(lesson), lab.limits(), LessonPage.neighbour(all, lesson, -1),
                LessonPage.neighbour(all, lesson, 1)));
    }

    private Comparison preset(Lesson l) {
        return presets.computeIfAbsent(l.id(), id -> Comparison.compute(l.spec(), lab.limits(), lab.uploads()));
    }
}
