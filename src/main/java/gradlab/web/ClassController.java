package gradlab.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.sse.SseHandler;

import gradlab.lab.ClassCode;
import gradlab.lab.ClassRefusal;
import gradlab.lab.ClassRoom;
import gradlab.lab.Classes;
import gradlab.lab.CodeGuesses;
import gradlab.lab.LabSpec;
import gradlab.lab.Lesson;
import gradlab.lab.Lessons;
import gradlab.lab.Question;
import gradlab.view.ClassStartPage;
import gradlab.view.JoinPage;
import gradlab.view.Paths;
import gradlab.view.StudentPage;
import gradlab.view.TeachPage;

/**
 * A live class over HTTP (DESIGN, "a class that predicts together"). An instructor starts one
 * at /class and holds its key in a cookie; students join at /join with its code and hold their
 * anonymous id in a cookie of the class's path. Only the key reveals, moves on, and sees the
 * instructor's page, its stream and the predictions; a code that is not a class's, or a page
 * without the cookie it needs, answers as if the class were not there to see (403), so that
 * /join, which limits wrong guesses, is the only place that tells whether a code exists.
 */
final class ClassController {
    /** The instructor's cookie of a class: {@code gl_key_<code>}. */
    static final String KEY_COOKIE = "gl_key_";
    /** A student's cookie of a class: {@code gl_class_<code>}. */
    static final String STUDENT_COOKIE = "gl_class_";
    /** Both cookies last a day; the class itself lasts until it has been idle for --class-idle-hours. */
    private static final int COOKIE_SECONDS = 86_400;
    private static final String KEY_PARAM = "key";

    private final Classes classes;
    private final CodeGuesses guesses;
    private final Lessons lessons;
    private final ClassStreams streams;

    ClassController(Classes classes, CodeGuesses guesses, Lessons lessons, ClassStreams streams) {
        this.classes = classes;
        this.guesses = guesses;
        this.lessons = lessons;
        this.streams = streams;
    }

    // ---------------------------------------------------------------- the instructor starts a class

    /** GET /class: the lessons to pick. */
    void startForm(Context ctx) {
        ctx.html(ClassStartPage.page(lessons.all(), classes.caps(), null, null));
    }

    /** POST /class (lessons: ids, comma-separated or repeated): 303 to the instructor's page, with the key's cookie. */
    void start(Context ctx) {
        // a lesson may come twice: a class predicts, discusses, then predicts again
        List<String> ids = lessonIds(ctx.formParams(ClassStartPage.FIELD));
        Set<String> picked = new LinkedHashSet<>(ids);
        List<Lesson> chosen = new ArrayList<>();
        for (String id : ids) {
            Optional<Lesson> lesson = lessons.find(id);
            if (lesson.isEmpty()) {
                refuseStart(ctx, 422, picked, ClassStartPage.FIELD + ": there is no lesson \"" + shown(id)
                        + "\"; the lessons are " + String.join(", ", lessons.all().stream().map(Lesson::id).toList()));
                return;
            }
            chosen.add(lesson.get());
        }
        if (chosen.isEmpty()) {
            refuseStart(ctx, 422, picked, ClassStartPage.FIELD + ": pick at least one lesson");
            return;
        }
        ClassRoom room;
        try {
            room = classes.start(Clients.of(ctx), chosen);
        } catch (ClassRefusal e) {
            refuseStart(ctx, status(e), picked, e.getMessage());
            return;
        }
        ctx.cookie(cookie(ctx, KEY_COOKIE + room.code(), room.key(), room.code()));
        ctx.redirect(Paths.ofClass(Paths.CLASS_TEACH, room.code()), HttpStatus.SEE_OTHER);
    }

    private void refuseStart(Context ctx, int status, Set<String> picked, String message) {
        if (status == 503) {
            ctx.header("Retry-After", "600");
        }
        ctx.status(status).html(ClassStartPage.page(lessons.all(), classes.caps(), picked, message));
    }

    /** Ids from every value of the field, each a comma-separated list; blanks dropped, order kept. */
    static List<String> lessonIds(List<String> values) {
        List<String> ids = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    ids.add(part.strip());
                }
            }
        }
        return ids;
    }

    // ---------------------------------------------------------------- students join

    /** GET /join (code: filled in, optional). */
    void joinForm(Context ctx) {
        ctx.html(JoinPage.page(ctx.queryParam(JoinPage.FIELD), null));
    }

    /**
     * POST /join (code): 303 to the class's page with the student's cookie; a code that is no
     * class's is 404, and a client that typed more than ten of them in ten minutes is refused 429
     * until the oldest is ten minutes old, whatever it types.
     */
    void join(Context ctx) {
        String client = Clients.of(ctx);
        String typed = ctx.formParam(JoinPage.FIELD);
        Duration wait = guesses.wait(client);
        if (!wait.isNegative() && !wait.isZero()) {
            long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
            ctx.header("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            ctx.status(429).html(JoinPage.page(typed, "Too many wrong codes from this browser: try again in "
                    + minutes + (minutes == 1 ? " minute." : " minutes.")));
            return;
        }
        Optional<ClassRoom> found = classes.find(typed);
        if (found.isEmpty()) {
            guesses.wrong(client);
            String said = typed == null || typed.isBlank() ? "Type the code your instructor shows."
                    : "No class has the code \"" + shown(typed.strip()) + "\". Check the code your instructor shows.";
            Errors.ownPage(ctx);
            ctx.status(404).html(JoinPage.page(typed, said));
            return;
        }
        ClassRoom room = found.get();
        String id;
        try {
            // a student who joined before keeps their id (and their guesses)
            id = room.join(ctx.cookie(STUDENT_COOKIE + room.code()));
        } catch (ClassRefusal e) {
            ctx.status(status(e)).html(JoinPage.page(typed, e.getMessage()));
            return;
        }
        ctx.cookie(cookie(ctx, STUDENT_COOKIE + room.code(), id, room.code()));
        ctx.redirect(Paths.ofClass(Paths.CLASS_PAGE, room.code()), HttpStatus.SEE_OTHER);
    }

    /** GET /class/{code}: the student's page; without the class's cookie, the join form with the code filled in. */
    void student(Context ctx) {
        String code = code(ctx);
        if (!code.equals(ctx.pathParam("code"))) {
            ctx.redirect(Paths.withQuery(Paths.ofClass(Paths.CLASS_PAGE, code), ctx.queryString()), HttpStatus.SEE_OTHER);
            return;
        }
        Optional<ClassRoom> room = classes.find(code);
        String id = ctx.cookie(STUDENT_COOKIE + code);
        if (room.isEmpty() || !room.get().isStudent(id)) {
            ctx.html(JoinPage.page(code, null));
            return;
        }
        room.get().touch();
        ClassRoom.StudentState s = room.get().student(id);
        ctx.html(StudentPage.page(code, s, s.ended() ? null : streams.rest(s.lesson())));
    }

    /**
     * POST /class/{code}/predict (question, value: a pair per question, as the lesson's prediction
     * form sends them; none is a commit of nothing; ?lesson=, optional, the lesson the page
     * shows): 204, or for htmx the questions again saying what was recorded; 422 naming a bad
     * field, 409 once the lesson is revealed or the class has moved on.
     */
    void predict(Context ctx) {
        ClassRoom room = studentsRoom(ctx);
        String id = ctx.cookie(STUDENT_COOKIE + room.code());
        String lesson = ctx.queryParam(StudentPage.LESSON);
        Integer position = lesson == null || !lesson.matches("[0-9]{1,4}") ? null : Integer.valueOf(lesson);
        boolean htmx = ctx.header("HX-Request") != null;
        Map<Question, Double> recorded;
        try {
            recorded = room.predict(id, ctx.formParamMap(), position);
        } catch (ClassRefusal e) {
            ctx.status(status(e));
            if (htmx && e.kind() == ClassRefusal.Kind.BAD_VALUE) {
                ctx.html(StudentPage.refused(room.code(), room.student(id), e.getMessage()));
            } else {
                ctx.contentType("text/plain; charset=utf-8").result(e.getMessage());
            }
            return;
        }
        if (htmx) {
            ctx.html(StudentPage.committed(room.code(), room.student(id), recorded));
        } else {
            ctx.status(204);
        }
    }

    /** GET /class/{code}/events: the student's stream. */
    void studentEvents(Context ctx) throws Exception {
        ClassRoom room = studentsRoom(ctx);
        String id = ctx.cookie(STUDENT_COOKIE + room.code());
        ctx.disableCompression();
        new SseHandler(client -> streams.student(client, room, id)).handle(ctx);
    }

    // ---------------------------------------------------------------- the instructor's side

    /**
     * GET /class/{code}/teach: the instructor's page, for the key's cookie. With {@code ?key=}
     * (the projector's link) the key is put in this browser's cookie and the address sent on
     * without it, so that it stays out of the history and the screen.
     */
    void teach(Context ctx) {
        String code = code(ctx);
        String key = ctx.queryParam(KEY_PARAM);
        if (key != null) {
            ClassRoom room = classes.find(code).filter(r -> r.isKey(key))
                    .orElseThrow(() -> new ForbiddenResponse(notYours(code)));
            ctx.cookie(cookie(ctx, KEY_COOKIE + room.code(), room.key(), room.code()));
            ctx.redirect(Paths.ofClass(Paths.CLASS_TEACH, room.code()), HttpStatus.SEE_OTHER);
            return;
        }
        ClassRoom room = instructorsRoom(ctx);
        room.touch();
        // a HEAD shows nothing, so it does not use up the link's one showing
        String projector = ctx.method() != HandlerType.HEAD && room.showProjectorLinkOnce()
                ? origin(ctx) + Paths.ofClass(Paths.CLASS_TEACH, room.code()) + "?" + KEY_PARAM + "=" + room.key() : null;
        ctx.header("Cache-Control", "no-store");
        ctx.html(TeachPage.page(room.code(), origin(ctx) + Paths.JOIN, room.instructor(), projector));
    }

    /** GET /class/{code}/teach/events: the instructor's stream. */
    void teachEvents(Context ctx) throws Exception {
        ClassRoom room = instructorsRoom(ctx);
        ctx.disableCompression();
        new SseHandler(client -> streams.teacher(client, room)).handle(ctx);
    }

    /** POST /class/{code}/reveal: 204; every student's page shows the true values. */
    void reveal(Context ctx) {
        instructorsRoom(ctx).reveal();
        ctx.status(204);
    }

    /** POST /class/{code}/next: 204; every student moves on (past the last lesson: the class ends). */
    void next(Context ctx) {
        instructorsRoom(ctx).next();
        ctx.status(204);
    }

    /** GET /class/{code}/predictions.csv: lesson,question,student,value,truth, one row per prediction. */
    void csv(Context ctx) {
        ClassRoom room = instructorsRoom(ctx);
        StringBuilder out = new StringBuilder("lesson,question,student,value,truth\n");
        for (ClassRoom.Row r : room.rows()) {
            // ids, quantity names and hex ids hold no comma, quote or line break
            out.append(r.lesson()).append(',').append(r.question()).append(',').append(r.student()).append(',')
                    .append(LabSpec.plain(r.value())).append(',').append(LabSpec.plain(r.truth())).append('\n');
        }
        ctx.header("Content-Disposition", "attachment; filename=\"class-" + room.code() + "-predictions.csv\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/csv; charset=utf-8").result(out.toString());
    }

    /** Whether the request is for one of a class's event streams (a student's or the instructor's). */
    static boolean isStream(Context ctx) {
        String path = ctx.path();
        return path.startsWith(Paths.CLASS + "/") && path.endsWith("/events");
    }

    /** HEAD of an event stream: its headers, after the same checks as GET; no stream opens. */
    void studentEventsHead(Context ctx) throws Exception {
        studentsRoom(ctx);
        TrainStreams.head(ctx);
    }

    void teachEventsHead(Context ctx) throws Exception {
        instructorsRoom(ctx);
        TrainStreams.head(ctx);
    }

    // ---------------------------------------------------------------- who may

    /** The class of the path for its student (the class's cookie), else 403. */
    private ClassRoom studentsRoom(Context ctx) {
        String code = code(ctx);
        return classes.find(code).filter(r -> r.isStudent(ctx.cookie(STUDENT_COOKIE + code)))
                .orElseThrow(() -> new ForbiddenResponse("This is a class's page for its students: join the class "
                        + "at " + Paths.JOIN + " with its code first."));
    }

    /** The class of the path for its instructor (the key's cookie), else 403. */
    private ClassRoom instructorsRoom(Context ctx) {
        String code = code(ctx);
        return classes.find(code).filter(r -> r.isKey(ctx.cookie(KEY_COOKIE + code)))
                .orElseThrow(() -> new ForbiddenResponse(notYours(code)));
    }

    private static String notYours(String code) {
        return "Only the instructor of class " + code + " may do this: their browser holds the class's key. "
                + "On another screen, open the projector link shown once on the instructor's page.";
    }

    /** The path's code as it is kept (upper case); 404 for what cannot be a code. */
    private static String code(Context ctx) {
        return ClassCode.read(ctx.pathParam("code")).orElseThrow(() -> new NotFoundResponse("no such class"));
    }

    private static int status(ClassRefusal e) {
        return switch (e.kind()) {
            case BAD_VALUE -> 422;
            case SERVER_FULL -> 503;
            case TOO_MANY_CLASSES -> 429;
            case CLASS_FULL, REVEALED, MOVED_ON, ENDED -> 409;
        };
    }

    // ---------------------------------------------------------------- cookies, origins

    /**
     * A class's cookie: only for the class's own addresses, out of scripts' reach, never sent
     * from another site's page, and Secure when the request came over HTTPS (directly or, by
     * its X-Forwarded-Proto, through the proxy).
     */
    private static io.javalin.http.Cookie cookie(Context ctx, String name, String value, String code) {
        return new io.javalin.http.Cookie(name, value, Paths.ofClass(Paths.CLASS_PAGE, code), COOKIE_SECONDS,
                https(ctx), true, null, io.javalin.http.SameSite.STRICT);
    }

    static boolean https(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        if (forwarded != null) {
            return forwarded.split(",")[0].strip().equalsIgnoreCase("https");
        }
        return "https".equalsIgnoreCase(ctx.scheme());
    }

    /** scheme://host[:port] as the browser reached the server (the join address students type). */
    private static String origin(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,255}")) {
            host = "localhost";
        }
        return (https(ctx) ? "https://" : "http://") + host;
    }

    /**
     * Before a POST to a class's address: refused (403) when its Origin, or without one its
     * Referer, names another host than the request's Host. Without either it is accepted: the
     * class's cookies are SameSite=Strict, so another site's form carries none of them.
     */
    static void sameOrigin(Context ctx) {
        if (!"POST".equals(ctx.method().name())) {
            return;
        }
        String path = ctx.path();
        if (!(path.equals(Paths.CLASS) || path.equals(Paths.JOIN) || path.startsWith(Paths.CLASS + "/"))) {
            return;
        }
        String origin = ctx.header("Origin");
        String source = origin != null ? origin : ctx.header("Referer");
        if (source == null) {
            return;
        }
        String from = hostOf(source);
        String own = hostOf("http://" + ctx.header("Host"));
        if (from == null || !from.equals(own)) {
            throw new ForbiddenResponse("This form was sent from another site's page: refused. Open the class's "
                    + "page on this server and use it there.");
        }
    }

    /** The host name of an absolute address, lower case, without port or brackets; null for none ("null", junk). */
    static String hostOf(String address) {
        try {
            String host = new URI(address.strip()).getHost();
            if (host == null) {
                return null;
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return host.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String shown(String text) {
        String clean = text.codePoints().filter(c -> !Character.isISOControl(c)).limit(40)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean;
    }
}
