package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import gradlab.config.Config;
import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;

class WarmupTest {
    @Test
    void itGoesThroughEveryKindOfLabAndLessonAtLeastOnce() {
        Settings settings = Settings.defaults();
        Lessons lessons = Lessons.load(true, null, Limits.DEFAULT, gradlab.view.LessonText::html);
        assertEquals(1, Warmup.run(settings, lessons, 0), "no time given: once through, no more");
        assertTrue(Warmup.run(settings, lessons, 0.5) >= 1);
    }

    @Test
    void itsTimeIsASettingWithItsRange() {
        assertEquals(20, Settings.defaults().warmupSeconds());
        assertEquals(0, Config.parse(java.util.List.of("--warmup-seconds", "0"), java.util.Map.of()).warmupSeconds());
        assertEquals(7, Config.parse(java.util.List.of(), java.util.Map.of("GRADLAB_WARMUP_SECONDS", "7")).warmupSeconds());
        for (String bad : new String[] {"61", "-1", "x"}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> Config.parse(java.util.List.of("--warmup-seconds", bad), java.util.Map.of()));
            assertTrue(e.getMessage().contains("--warmup-seconds"), e.getMessage());
        }
    }
}
