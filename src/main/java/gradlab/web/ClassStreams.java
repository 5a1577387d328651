package gradlab.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.sse.SseClient;

import gradlab.lab.ClassEvent;
import gradlab.lab.ClassRoom;
import gradlab.lab.Classes;
import gradlab.lab.CodeGuesses;
import gradlab.lab.Lesson;
import gradlab.lab.Limits;
import gradlab.view.Html;
import gradlab.view.StudentPage;
import gradlab.view.TeachPage;

/**
 * The streams of the live classes (server-sent events of HTML). A student's stream sends, on
 * every (re)connection, the class as it is now ({@code state}: a phone that slept comes back
 * right), then {@code reveal}, {@code next} and {@code ended} as the instructor acts. The
 * instructor's stream sends {@code joined} and {@code predictions} (the board of the current
 * lesson), at most four times a second while students join and predict, at once on a reveal
 * or a move.
 *
 * <p>Each stream writes its events in order on a small pool of threads, one event at a time,
 * so that a reveal reaches a whole class at once and one phone slow to read holds up only its
 * own stream. A heartbeat (a comment every 250 ms to each stream with nothing to send) finds
 * a closed page within a second, and the same clock sends the instructors' pending updates
 * and, once a minute, forgets the classes that have expired.
 */
final class ClassStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClassStreams.class);
    static final long HEARTBEAT_MILLIS = 250;
    private static final long EXPIRY_MILLIS = 60_000;
    /** Threads that write the events: a reveal to 200 phones is written by all of them together. */
    private static final int WRITERS = 4;

    private final Classes classes;
    private final CodeGuesses guesses;
    private final Limits limits;
    private final Map<ClassRoom, Audience> audiences = new ConcurrentHashMap<>();
    /** The rest of each lesson (its text after the questions and its lab), the same for every student: written once. */
    private final Map<String, String> rests = new ConcurrentHashMap<>();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemons("gradlab-class-clock"));
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, daemons("gradlab-class-writer"));
    private final AtomicInteger open = new AtomicInteger();

    ClassStreams(Classes classes, CodeGuesses guesses, Limits limits) {
        this.classes = classes;
        this.guesses = guesses;
        this.limits = limits;
        clock.scheduleAtFixedRate(this::beat, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
        clock.scheduleAtFixedRate(this::expire, EXPIRY_MILLIS, EXPIRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Streams open now. */
    int open() {
        return open.get();
    }

    /** A student's stream: the class as it is now first, then what the instructor does. */
    void student(SseClient client, ClassRoom room, String student) {
        Stream s = new Stream(client, student);
        audience(room).add(s, () -> {
            ClassRoom.StudentState now = room.student(student);
            s.send(StudentPage.Event.STATE, studentHtml(room, now, null));
            if (now.ended()) {
                s.send(StudentPage.Event.ENDED, studentHtml(room, now, null));
                client.close();
            }
        });
    }

    /** An instructor's stream: the count and the board as they are now first, then as they change. */
    void teacher(SseClient client, ClassRoom room) {
        Stream s = new Stream(client, null);
        audience(room).add(s, () -> {
            s.send(TeachPage.Event.JOINED.id(), TeachPage.students(room.students()));
            s.send(TeachPage.Event.PREDICTIONS.id(), board(room));
        });
    }

    private Audience audience(ClassRoom room) {
        Audience a = audiences.computeIfAbsent(room, Audience::new);
        if (room.gone()) {
            // it expired while this stream was opening, perhaps before its audience listened
            a.expired();
        }
        return a;
    }

    /** The rest of a lesson as a student sees it after the reveal, written once per lesson. */
    String rest(Lesson lesson) {
        return rests.computeIfAbsent(lesson.id(), id -> StudentPage.rest(lesson, limits));
    }

    /** A student's view of the class now, with the news of what just happened (null: none). */
    private String studentHtml(ClassRoom room, ClassRoom.StudentState s, String news) {
        String rest = s.ended() ? null : rest(s.lesson());
        String html = Html.render(StudentPage.content(room.code(), s, rest));
        return news == null ? html : html + Html.render(StudentPage.news(news));
    }

    private static String board(ClassRoom room) {
        return Html.render(TeachPage.board(room.code(), room.instructor()));
    }

    private void beat() {
        try {
            for (Audience a : audiences.values()) {
                a.beat();
            }
        } catch (RuntimeException e) {
            // the clock must keep going: a failed beat is logged and the next one tries again
            LOG.error("the classes' heartbeat failed", e);
        }
    }

    private void expire() {
        try {
            classes.expire();
            guesses.forgetOld();
        } catch (RuntimeException e) {
            LOG.error("forgetting expired classes failed", e);
        }
    }

    /** Closes every class stream (the server is stopping) and stops the clock and the writers. */
    @Override
    public void close() {
        clock.shutdownNow();
        for (Audience a : audiences.values()) {
            a.closeAll();
        }
        audiences.clear();
        writers.shutdownNow();
    }

    /**
     * The open streams of one class, and what its instructors have yet to be shown. It hears the
     * room's events (while the room is locked) and only hands them to its streams' queues.
     */
    private final class Audience implements Consumer<ClassEvent> {
        final ClassRoom room;
        final Set<Stream> students = ConcurrentHashMap.newKeySet();
        final Set<Stream> teachers = ConcurrentHashMap.newKeySet();
        final AtomicBoolean joined = new AtomicBoolean();
        final AtomicBoolean predicted = new AtomicBoolean();
        final Runnable unlisten;
        /** The class has expired: a stream that comes now is told so and closed. */
        private boolean over;

        Audience(ClassRoom room) {
            this.room = room;
            this.unlisten = room.listen(this);
        }

        /**
         * A new stream, whose first event is {@code first}: added and given it at once, so that
         * every change after it reached the room is sent after it.
         */
        synchronized void add(Stream s, Runnable first) {
            if (over) {
                s.client.keepAlive();
                s.enqueue(() -> goodbye(s));
                return;
            }
            (s.student == null ? teachers : students).add(s);
            open.incrementAndGet();
            s.client.onClose(() -> {
                if ((s.student == null ? teachers : students).remove(s)) {
                    open.decrementAndGet();
                }
            });
            s.client.keepAlive();
            s.enqueue(first);
        }

        @Override
        public synchronized void accept(ClassEvent e) {
            if (e instanceof ClassEvent.Joined) {
                joined.set(true);
            } else if (e instanceof ClassEvent.Predicted) {
                predicted.set(true);
            } else if (e instanceof ClassEvent.Revealed) {
                toStudents(StudentPage.Event.REVEAL, "Your instructor revealed the true values.");
                toTeachers();
            } else if (e instanceof ClassEvent.Moved m) {
                toStudents(StudentPage.Event.NEXT, m.lesson() < room.lessons().size()
                        ? "Your class moved on to lesson " + (m.lesson() + 1) + ": " + room.lessons().get(m.lesson()).title() + "."
                        : "That was the last lesson.");
                toTeachers();
            } else if (e instanceof ClassEvent.Ended) {
                toStudents(StudentPage.Event.ENDED, "The class is over.");
                for (Stream s : students) {
                    s.enqueue(s.client::close);
                }
            } else if (e instanceof ClassEvent.Expired) {
                expired();
            }
        }

        private void toStudents(StudentPage.Event event, String news) {
            for (Stream s : students) {
                s.enqueue(() -> s.send(event, studentHtml(room, room.student(s.student), news)));
            }
        }

        private void toTeachers() {
            predicted.set(false);
            joined.set(false);
            for (Stream s : teachers) {
                s.enqueue(() -> {
                    s.send(TeachPage.Event.JOINED.id(), TeachPage.students(room.students()));
                    s.send(TeachPage.Event.PREDICTIONS.id(), board(room));
                });
            }
        }

        /** The class is gone: its students are told and every stream of it closes. */
        synchronized void expired() {
            over = true;
            unlisten.run();
            audiences.remove(room, this);
            for (Stream s : students) {
                s.enqueue(() -> goodbye(s));
            }
            for (Stream s : teachers) {
                s.enqueue(() -> goodbye(s));
            }
        }

        /** To a student: the class is gone ({@code ended}); then the stream closes. */
        private void goodbye(Stream s) {
            if (s.student != null) {
                s.send(StudentPage.Event.ENDED.id(), Html.render(StudentPage.ended("This class has ended",
                        "It was not used for a long time, so the server no longer keeps it. Every lesson stays "
                                + "open on this server's lesson pages.")));
            }
            s.client.close();
        }

        /** Sends the instructors what changed since the last beat, and a comment to every idle stream. */
        void beat() {
            boolean count = joined.getAndSet(false);
            boolean board = predicted.getAndSet(false);
            for (Stream s : teachers) {
                if (count || board) {
                    s.enqueue(() -> {
                        if (count) {
                            s.send(TeachPage.Event.JOINED.id(), TeachPage.students(room.students()));
                        }
                        if (board) {
                            s.send(TeachPage.Event.PREDICTIONS.id(), board(room));
                        }
                    });
                } else {
                    s.beat();
                }
            }
            for (Stream s : students) {
                s.beat();
            }
        }

        void closeAll() {
            unlisten.run();
            for (Stream s : List.copyOf(students)) {
                s.client.close();
            }
            for (Stream s : List.copyOf(teachers)) {
                s.client.close();
            }
        }
    }

    /**
     * One open stream and its queue of writes, run one at a time, in order, on the writers'
     * pool: only this queue ever writes to the client.
     */
    private final class Stream {
        final SseClient client;
        /** The student's id; null for an instructor's stream. */
        final String student;
        private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Stream(SseClient client, String student) {
            this.client = client;
            this.student = student;
        }

        void enqueue(Runnable write) {
            queue.add(write);
            if (scheduled.compareAndSet(false, true)) {
                try {
                    writers.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    queue.clear();
                }
            }
        }

        private void drain() {
            while (true) {
                for (Runnable write; (write = queue.poll()) != null; ) {
                    if (client.terminated()) {
                        queue.clear();
                        break;
                    }
                    try {
                        write.run();
                    } catch (RuntimeException e) {
                        LOG.error("a class stream's event could not be written", e);
                        client.close();
                    }
                }
                scheduled.set(false);
                if (queue.isEmpty() || !scheduled.compareAndSet(false, true)) {
                    return;
                }
            }
        }

        /** A comment, when nothing else is on its way: a page that went away makes it fail. */
        void beat() {
            if (queue.isEmpty() && !scheduled.get() && !client.terminated()) {
                enqueue(() -> client.sendComment(""));
            }
        }

        void send(StudentPage.Event event, String html) {
            send(event.id(), html);
        }

        void send(String event, String html) {
            if (!client.terminated()) {
                client.sendEvent(event, html);
            }
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
