package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import gradlab.view.LessonText;

/**
 * A class's state without a server: codes and keys, students, one prediction per student and
 * question replaced until the reveal, the events in order, the caps, and expiry by the clock.
 */
class ClassRoomTest {
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
    private static final Lesson INTRO = LESSONS.find("intro").orElseThrow();
    private static final Lesson F1 = LESSONS.find("f1-covariance").orElseThrow();
    private static final Question QUESTION = INTRO.questions().get(0);
    private static final String ASKED = QUESTION.name();

    private final MovingClock clock = new MovingClock();

    private Classes classes(int max, int students, Duration idle) {
        return new Classes(new Classes.Caps(max, students, idle), clock);
    }

    @Test
    void aCodeIsSixCharactersWithoutLookAlikesAndIsReadInEitherCase() {
        Classes classes = classes(200, 10, Duration.ofHours(1));
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ClassRoom room = classes.start("client" + i, List.of(INTRO));
            assertTrue(room.code().matches("[2-9A-HJ-NP-Z]{6}"), room.code());
            assertTrue(room.key().matches("[0-9a-f]{32}"), "128 bits: " + room.key());
            codes.add(room.code());
            assertEquals(room, classes.find(room.code().toLowerCase(java.util.Locale.ROOT)).orElseThrow());
            assertEquals(room, classes.find("  " + room.code() + " ").orElseThrow());
        }
        assertEquals(200, codes.size(), "no two classes share a code");
        assertTrue(classes.find("ABC0EF").isEmpty() && classes.find("ABCDE").isEmpty() && classes.find(null).isEmpty());
        assertEquals(ClassCode.ALPHABET.length(), 32);
        for (char c : "01OI".toCharArray()) {
            assertFalse(ClassCode.ALPHABET.indexOf(c) >= 0, "no " + c);
        }
    }

    @Test
    void aStudentsPredictionIsReplacedUntilTheRevealThenRefused() {
        ClassRoom room = classes(5, 10, Duration.ofHours(1)).start("me", List.of(INTRO, F1));
        List<ClassEvent> heard = new ArrayList<>();
        room.listen(heard::add);
        String a = room.join(null);
        String b = room.join(null);
        assertNotEquals(a, b);
        assertEquals(a, room.join(a), "a student who comes back keeps their id");
        assertEquals(2, room.students());
        room.predict(a, fields(ASKED, "40"), null);
        room.predict(a, fields(ASKED, "50"), 1);
        room.predict(b, fields(ASKED, "120"), null);
        assertEquals(50.0, room.student(a).guesses().get(QUESTION));
        ClassRoom.Tally g = room.instructor().guesses().get(0);
        assertArrayEquals(new double[] {50, 120}, g.values(), "one guess per student and question");

        ClassRefusal bad = assertThrows(ClassRefusal.class, () -> room.predict(a, fields(ASKED, "181"), null));
        assertEquals(ClassRefusal.Kind.BAD_VALUE, bad.kind());
        assertEquals("value", bad.field());
        assertEquals("question", assertThrows(ClassRefusal.class, () -> room.predict(a, fields("mean-input.cosine", "0"), null))
                .field());
        assertEquals(ClassRefusal.Kind.MOVED_ON, assertThrows(ClassRefusal.class, () -> room.predict(a, fields(ASKED, "1"), 2))
                .kind());

        room.reveal();
        room.reveal();
        assertEquals(ClassRefusal.Kind.REVEALED, assertThrows(ClassRefusal.class, () -> room.predict(b, fields(ASKED, "3"), null))
                .kind());
        assertEquals(120.0, room.student(b).guesses().get(QUESTION), "the guess before the reveal stands");
        room.next();
        room.next();
        room.next();
        assertTrue(room.ended());
        assertEquals(ClassRefusal.Kind.ENDED, assertThrows(ClassRefusal.class, () -> room.predict(b, fields(ASKED, "3"), null))
                .kind());
        assertEquals(List.of("Joined", "Joined", "Predicted", "Predicted", "Predicted", "Revealed", "Moved", "Moved",
                "Ended"), heard.stream().map(e -> e.getClass().getSimpleName()).toList(), "each change told once, in order");
        assertEquals(new ClassEvent.Moved(2), heard.get(7), "past the last lesson: a move, then the end");

        List<ClassRoom.Row> rows = room.rows();
        assertEquals(2, rows.size());
        assertEquals(new ClassRoom.Row("intro", ASKED, a, 50, INTRO.questions().get(0).truth()), rows.get(0));
    }

    @Test
    void aFullClassRefusesANewStudentButNotOneWhoJoinedBefore() {
        ClassRoom room = classes(5, 2, Duration.ofHours(1)).start("me", List.of(INTRO));
        String a = room.join(null);
        room.join(null);
        ClassRefusal full = assertThrows(ClassRefusal.class, () -> room.join(null));
        assertEquals(ClassRefusal.Kind.CLASS_FULL, full.kind());
        assertTrue(full.getMessage().contains("2 students"), full.getMessage());
        assertEquals(a, room.join(a));
        assertThrows(ClassRefusal.class, () -> room.join("0123456789ab"), "a made-up id is a new student");
    }

    @Test
    void theServersCapAndAClientsThreeLiveClassesRefuseWithTheirReasons() {
        Classes classes = classes(4, 10, Duration.ofHours(1));
        List<ClassRoom> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(classes.start("me", List.of(INTRO)));
        }
        assertEquals(ClassRefusal.Kind.TOO_MANY_CLASSES,
                assertThrows(ClassRefusal.class, () -> classes.start("me", List.of(INTRO))).kind());
        classes.start("you", List.of(INTRO));
        assertEquals(ClassRefusal.Kind.SERVER_FULL,
                assertThrows(ClassRefusal.class, () -> classes.start("them", List.of(INTRO))).kind());
        mine.get(0).next();
        assertEquals(ClassRefusal.Kind.SERVER_FULL, assertThrows(ClassRefusal.class, () -> classes.start("me",
                List.of(INTRO))).kind(), "an ended class no longer counts as the client's, but still as the server's");
    }

    @Test
    void aClassIdleForLongerThanTheCapIsForgottenAndItsListenersAreTold() {
        Classes classes = classes(2, 10, Duration.ofHours(4));
        ClassRoom used = classes.start("me", List.of(INTRO));
        ClassRoom idle = classes.start("me", List.of(INTRO));
        List<ClassEvent> heard = new ArrayList<>();
        idle.listen(heard::add);
        String s = idle.join(null);
        idle.predict(s, fields(ASKED, "10"), null);
        clock.advance(Duration.ofHours(3));
        used.reveal();
        clock.advance(Duration.ofHours(2));
        assertEquals(1, classes.expire());
        assertTrue(idle.gone() && !used.gone());
        assertEquals(new ClassEvent.Expired(), heard.get(heard.size() - 1));
        assertEquals(0, idle.students(), "its students and predictions are dropped");
        assertTrue(idle.rows().isEmpty());
        assertTrue(classes.find(idle.code()).isEmpty());
        assertEquals(1, classes.size());
        // a full server has room again
        classes.start("you", List.of(INTRO));
        // found idle: gone at once, without waiting for the sweep
        clock.advance(Duration.ofHours(4).plusSeconds(1));
        assertTrue(classes.find(used.code()).isEmpty());
        assertTrue(used.gone());
    }

    /** A prediction form's fields: one question and its value. */
    private static Map<String, List<String>> fields(String question, String value) {
        return Map.of(Question.FIELD, List.of(question), Question.VALUE, List.of(value));
    }

    @Test
    void aCommitOfNothingRecordsNothingAndAFieldTheFormHasNotIsRefused() {
        ClassRoom room = classes(5, 10, Duration.ofHours(1)).start("me", List.of(INTRO));
        String a = room.join(null);
        assertTrue(room.predict(a, Map.of(), null).isEmpty());
        assertEquals(0, room.instructor().guesses().get(0).values().length);
        ClassRefusal odd = assertThrows(ClassRefusal.class, () -> room.predict(a, Map.of("guess", List.of("3")), null));
        assertEquals("guess", odd.field());
        room.reveal();
        assertTrue(room.predict(a, Map.of(), null).isEmpty(), "nothing to refuse");
    }

    /** A clock moved on by hand. */
    static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-03-02T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
