package gradlab.lab;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One live class (DESIGN, "a class that predicts together"): its lessons in order, the lesson
 * the class is at and whether its true values are revealed, its anonymous students, and their
 * predictions — one per student and question of a lesson, replaced until the reveal. It lives
 * in memory only. Every change is told to its listeners, in order, while the room is locked:
 * a listener only hands the event on.
 */
public final class ClassRoom {
    private final String code;
    private final String key;
    private final String owner;
    private final List<Lesson> lessons;
    private final int maxStudents;
    private final Clock clock;
    private final SecureRandom random;
    private final List<Consumer<ClassEvent>> listeners = new CopyOnWriteArrayList<>();

    // guarded by this
    private int lesson;
    private boolean revealed;
    private boolean ended;
    private boolean gone;
    private boolean projectorLinkShown;
    private Instant lastActive;
    private final Set<String> students = new LinkedHashSet<>();
    private final Map<Answer, Double> predictions = new LinkedHashMap<>();

    /** Whose guess of which question in which lesson. */
    private record Answer(int lesson, String question, String student) {
    }

    ClassRoom(String code, String key, String owner, List<Lesson> lessons, int maxStudents, Clock clock,
              SecureRandom random) {
        if (lessons.isEmpty()) {
            throw new IllegalArgumentException("a class needs a lesson");
        }
        this.code = code;
        this.key = key;
        this.owner = owner;
        this.lessons = List.copyOf(lessons);
        this.maxStudents = maxStudents;
        this.clock = clock;
        this.random = random;
        this.lastActive = clock.instant();
    }

    /** What a student's page shows: the lesson the class is at, and this student's guesses in it. */
    public record StudentState(int position, int lessons, Lesson lesson, boolean revealed, boolean ended,
                               Map<Question, Double> guesses) {
        public StudentState {
            // in the lesson's order of its questions
            guesses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(guesses));
        }
    }

    /** What the instructor's page shows: the lesson, the students, every guess of each of its questions. */
    public record InstructorState(int position, int lessons, Lesson lesson, boolean revealed, boolean ended,
                                  int students, List<Tally> guesses) {
        public InstructorState {
            guesses = List.copyOf(guesses);
        }
    }

    /** The guesses of one question, in the order they were first made. */
    public record Tally(Question question, double[] values) {
    }

    /** One row of the predictions' CSV. */
    public record Row(String lesson, String question, String student, double value, double truth) {
    }

    public String code() {
        return code;
    }

    public List<Lesson> lessons() {
        return lessons;
    }

    /** Whether the text is this class's instructor key (compared in constant time). */
    public boolean isKey(String text) {
        return text != null && java.security.MessageDigest.isEqual(key.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The key itself, for the instructor's cookie and the projector's link. */
    public String key() {
        return key;
    }

    /** The client that started the class. */
    String owner() {
        return owner;
    }

    public synchronized boolean isStudent(String id) {
        return id != null && students.contains(id);
    }

    /**
     * The student with this id if they have joined, else a new one.
     *
     * @throws ClassRefusal CLASS_FULL when a new one would be more than the class may hold
     */
    public synchronized String join(String id) {
        touch();
        if (id != null && students.contains(id)) {
            return id;
        }
        if (students.size() >= maxStudents) {
            throw new ClassRefusal(ClassRefusal.Kind.CLASS_FULL, "This class is full: it has " + maxStudents
                    + " students, as many as one class may have on this server.");
        }
        // a student's id: 48 random bits as 12 hex digits; it names nobody
        String fresh;
        do {
            byte[] bits = new byte[6];
            random.nextBytes(bits);
            fresh = HexFormat.of().formatHex(bits);
        } while (students.contains(fresh));
        students.add(fresh);
        tell(new ClassEvent.Joined(students.size()));
        return fresh;
    }

    /**
     * Records a student's guesses of the current lesson's questions, as its prediction form sends
     * them ({@link Guesses}: pairs of question and value; none at all is a skip, which records
     * nothing), each replacing their earlier guess of that question. {@code position}, when
     * given, is the lesson (1-based) the student's page shows.
     *
     * @return the guesses recorded, in the lesson's order of its questions
     * @throws ClassRefusal BAD_VALUE naming the field; REVEALED once the lesson's values are
     *         revealed; MOVED_ON when the class has moved on from the student's lesson; ENDED when
     *         the class is over
     */
    public synchronized Map<Question, Double> predict(String student, Map<String, List<String>> fields,
                                                      Integer position) {
        if (!isStudent(student)) {
            throw new IllegalArgumentException("not a student of this class");
        }
        touch();
        if (ended) {
            throw new ClassRefusal(ClassRefusal.Kind.ENDED, "The class is over: predictions are closed.");
        }
        if (position != null && position != lesson + 1) {
            throw new ClassRefusal(ClassRefusal.Kind.MOVED_ON, "The class has moved on to lesson " + (lesson + 1)
                    + ": this prediction was for lesson " + position + ".");
        }
        Map<Question, Double> guesses;
        try {
            guesses = Guesses.read(lessons.get(lesson), fields);
        } catch (ValidationException e) {
            throw new ClassRefusal(ClassRefusal.Kind.BAD_VALUE, e.param(), e.getMessage());
        }
        if (guesses.isEmpty()) {
            return guesses;
        }
        if (revealed) {
            throw new ClassRefusal(ClassRefusal.Kind.REVEALED, "The true values of this lesson are revealed: "
                    + "predictions for it are closed.");
        }
        guesses.forEach((q, v) -> predictions.put(new Answer(lesson, q.name(), student), v));
        guesses.keySet().forEach(q -> tell(new ClassEvent.Predicted(q.name())));
        return guesses;
    }

    /** Shows the current lesson's true values to every student; once per lesson, and not after the end. */
    public synchronized void reveal() {
        touch();
        if (ended || revealed) {
            return;
        }
        revealed = true;
        tell(new ClassEvent.Revealed(lesson));
    }

    /** Moves the class to its next lesson; past the last one, the class ends (told as a move, then the end). */
    public synchronized void next() {
        touch();
        if (ended) {
            return;
        }
        if (lesson + 1 < lessons.size()) {
            lesson++;
            revealed = false;
            tell(new ClassEvent.Moved(lesson));
        } else {
            ended = true;
            tell(new ClassEvent.Moved(lessons.size()));
            tell(new ClassEvent.Ended());
        }
    }

    public synchronized StudentState student(String id) {
        Lesson current = lessons.get(lesson);
        Map<Question, Double> guesses = new LinkedHashMap<>();
        for (Question q : current.questions()) {
            Double v = predictions.get(new Answer(lesson, q.name(), id));
            if (v != null) {
                guesses.put(q, v);
            }
        }
        return new StudentState(lesson, lessons.size(), current, revealed, ended, guesses);
    }

    public synchronized InstructorState instructor() {
        Lesson current = lessons.get(lesson);
        List<Tally> all = new ArrayList<>();
        for (Question q : current.questions()) {
            double[] values = predictions.entrySet().stream()
                    .filter(e -> e.getKey().lesson() == lesson && e.getKey().question().equals(q.name()))
                    .mapToDouble(Map.Entry::getValue).toArray();
            all.add(new Tally(q, values));
        }
        return new InstructorState(lesson, lessons.size(), current, revealed, ended, students.size(), all);
    }

    /** Every prediction, lesson by lesson, each with its question's true value. */
    public synchronized List<Row> rows() {
        touch();
        List<Row> rows = new ArrayList<>();
        predictions.forEach((a, v) -> {
            Lesson l = lessons.get(a.lesson());
            double truth = l.questions().stream().filter(q -> q.name().equals(a.question())).findFirst()
                    .orElseThrow().truth();
            rows.add(new Row(l.id(), a.question(), a.student(), v, truth));
        });
        return rows;
    }

    public synchronized int students() {
        return students.size();
    }

    public synchronized boolean ended() {
        return ended;
    }

    /** True the first time only: the projector's link (which holds the key) is shown once. */
    public synchronized boolean showProjectorLinkOnce() {
        boolean first = !projectorLinkShown;
        projectorLinkShown = true;
        return first;
    }

    /** Someone used the class now: its idle time starts again. */
    public synchronized void touch() {
        lastActive = clock.instant();
    }

    synchronized Instant lastActive() {
        return lastActive;
    }

    /** Whether the class has expired and is gone from the server. */
    public synchronized boolean gone() {
        return gone;
    }

    /**
     * Listens to the class's events until the returned action is run. A listener is called
     * while the room is locked: it must only hand the event on.
     */
    public Runnable listen(Consumer<ClassEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The class expired: its listeners are told, then forgotten, and its students and predictions dropped. */
    synchronized void expire() {
        if (gone) {
            return;
        }
        gone = true;
        tell(new ClassEvent.Expired());
        listeners.clear();
        students.clear();
        predictions.clear();
    }

    private void tell(ClassEvent e) {
        for (Consumer<ClassEvent> l : listeners) {
            l.accept(e);
        }
    }
}
