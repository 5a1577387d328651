package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Wrong class codes: more than ten in ten minutes from one client are refused, for that client only, for a while. */
class ClassGuessesTest {
    private final ClassRoomTest.MovingClock clock = new ClassRoomTest.MovingClock();
    private final CodeGuesses guesses = new CodeGuesses(clock);

    @Test
    void tenWrongCodesWithinTenMinutesMakeTheClientWaitUntilTheOldestIsTenMinutesOld() {
        for (int i = 0; i < 10; i++) {
            assertEquals(Duration.ZERO, guesses.wait("c:guesser"), "wrong code " + (i + 1) + " is still answered");
            guesses.wrong("c:guesser");
            clock.advance(Duration.ofSeconds(30));
        }
        // the first was 5 minutes ago
        assertEquals(Duration.ofMinutes(5), guesses.wait("c:guesser"));
        assertEquals(Duration.ZERO, guesses.wait("c:other"), "others are not slowed");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Duration.ZERO, guesses.wait("c:guesser"), "the oldest is ten minutes old: one more try");
        guesses.wrong("c:guesser");
        assertTrue(guesses.wait("c:guesser").toSeconds() > 0);
    }

    @Test
    void wrongCodesSpreadOverMoreThanTenMinutesNeverBlock() {
        for (int i = 0; i < 50; i++) {
            assertEquals(Duration.ZERO, guesses.wait("a:10.0.0.7"));
            guesses.wrong("a:10.0.0.7");
            clock.advance(Duration.ofSeconds(61));
        }
    }

    @Test
    void oldClientsAreForgottenAndTheirNumberIsCapped() {
        guesses.wrong("c:a");
        guesses.wrong("c:b");
        assertEquals(2, guesses.clients());
        clock.advance(CodeGuesses.WINDOW.plusSeconds(1));
        guesses.forgetOld();
        assertEquals(0, guesses.clients());
        for (int i = 0; i < CodeGuesses.CLIENTS + 5; i++) {
            guesses.wrong("c:" + i);
        }
        assertEquals(CodeGuesses.CLIENTS, guesses.clients());
    }
}
