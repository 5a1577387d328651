package gradlab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import gradlab.lab.Limits;

/** Flags and GRADLAB_* variables: defaults, a flag wins, a bad value stops start-up naming it. */
class ConfigTest {
    @Test
    void nothingGivenIsTheDefaults() {
        assertEquals(Settings.defaults(), Config.parse(List.of(), Map.of()));
    }

    @Test
    void theEnvironmentSetsAndAFlagWins() {
        Settings s = Config.parse(List.of("--port", "8081", "--max-n", "500"),
                Map.of("GRADLAB_PORT", "9090", "GRADLAB_MAX_RUNS", "3", "GRADLAB_NO_BUILTIN_LESSONS", "true",
                        "GRADLAB_WORK_BUDGET", "1e9", "GRADLAB_FRAME_ANCESTORS", "'self' https://course.example.org"));
        assertEquals(8081, s.port());
        assertEquals(3, s.maxRuns());
        assertEquals(500, s.limits().maxN());
        assertEquals(500, s.uploads().maxRows(), "an upload has at most max-n rows");
        assertFalse(s.builtInLessons());
        assertEquals(1_000_000_000L, s.limits().trainWorkBudget());
        assertEquals("'self' https://course.example.org", s.frameAncestors());
        assertEquals(Limits.DEFAULT.maxSteps(), s.limits().maxSteps());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--port|70000|--port", "--port|abc|--port", "--max-runs|0|--max-runs", "--queue|-1|--queue",
            "--max-n|20000|--max-n", "--max-width|65|--max-width", "--max-steps|1.5|--max-steps",
            "--upload-minutes|0|--upload-minutes", "--frame-ancestors|*; script-src|--frame-ancestors",
            "--host|a b|--host", "--lessons|/no/such/folder|--lessons", "--write-timeout-seconds|0|--write-timeout-seconds",
            "--write-timeout-seconds|1e9|--write-timeout-seconds", "--max-threads|8|--max-threads",
            "--runs-per-client|0|--runs-per-client", "--runs-per-client|1001|--runs-per-client",
            "--compare-memory-mib|15|--compare-memory-mib", "--compare-memory-mib|2e6|--compare-memory-mib",
            "--uploads-per-client|0|--uploads-per-client", "--max-concurrent-uploads|201|--max-concurrent-uploads",
            "--upload-seconds|0|--upload-seconds", "--upload-seconds|601|--upload-seconds",
            "--max-classes|0|--max-classes", "--max-classes|10001|--max-classes", "--max-students|0|--max-students",
            "--max-students|1.5|--max-students", "--class-idle-hours|0|--class-idle-hours",
            "--class-idle-hours|169|--class-idle-hours", "--trusted-proxy|proxy.example.org|--trusted-proxy",
            "--trusted-proxy|10.0.0.1,,10.0.0.2|--trusted-proxy"})
    void aBadValueStopsStartUpNamingIt(String flag, String value, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Config.parse(List.of(flag, value), Map.of()));
        assertTrue(e.getMessage().startsWith(named), e.getMessage());
    }

    @Test
    void aClientsRunsAndTheComparisonsMemoryAreSettings() {
        Settings defaults = Settings.defaults();
        assertEquals(3, defaults.runsPerClient());
        assertEquals(Runtime.getRuntime().maxMemory() / 2, defaults.compareMemory(), "half the heap");
        Settings s = Config.parse(List.of("--compare-memory-mib", "64"), Map.of("GRADLAB_RUNS_PER_CLIENT", "5",
                "GRADLAB_COMPARE_MEMORY_MIB", "32"));
        assertEquals(5, s.runsPerClient());
        assertEquals(64L << 20, s.compareMemory(), "the flag wins");
        assertTrue(Config.describe(s).contains("5 per client") && Config.describe(s).contains("in 64 MiB"),
                Config.describe(s));
    }

    @Test
    void anUnknownFlagOrAMissingValueIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Config.parse(List.of("--prot", "1"), Map.of()))
                .getMessage().contains("--prot"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Config.parse(List.of("--port"), Map.of()))
                .getMessage().contains("needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Config.parse(List.of(), Map.of("GRADLAB_NO_BUILTIN_LESSONS", "maybe"))).getMessage()
                .contains("GRADLAB_NO_BUILTIN_LESSONS"));
    }

    @Test
    void aVariableSetButEmptyIsAValue() {
        // an empty number is refused like any other bad one, rather than meaning "the default"
        assertEquals("--port must be a whole number from 0 to 65535; got \"\"", assertThrows(
                IllegalArgumentException.class, () -> Config.parse(List.of(), Map.of("GRADLAB_PORT", ""))).getMessage());
        // an empty switch is off
        assertTrue(Config.parse(List.of(), Map.of("GRADLAB_NO_BUILTIN_LESSONS", "")).builtInLessons());
        assertFalse(Config.parse(List.of(), Map.of("GRADLAB_NO_BUILTIN_LESSONS", "1")).builtInLessons());
    }

    @Test
    void theWriteTimeoutAndTheThreadsAreSettings() {
        Settings s = Config.parse(List.of("--max-threads", "64"), Map.of("GRADLAB_WRITE_TIMEOUT_SECONDS", "5"));
        assertEquals(java.time.Duration.ofSeconds(5), s.writeTimeout());
        assertEquals(64, s.maxThreads());
        assertEquals(java.time.Duration.ofSeconds(30), Settings.defaults().writeTimeout());
        assertEquals(250, Settings.defaults().maxThreads());
    }

    @Test
    void theClassesCapsAndTheTrustedProxiesAreSettings() {
        Settings defaults = Settings.defaults();
        assertEquals(50, defaults.classes().classes());
        assertEquals(300, defaults.classes().students());
        assertEquals(java.time.Duration.ofHours(4), defaults.classes().idle());
        assertTrue(defaults.trustedProxies().isEmpty(), "no proxy is trusted unless named");
        Settings s = Config.parse(List.of("--max-students", "40", "--trusted-proxy", "10.0.0.1, ::1"),
                Map.of("GRADLAB_MAX_CLASSES", "7", "GRADLAB_CLASS_IDLE_HOURS", "12", "GRADLAB_MAX_STUDENTS", "900"));
        assertEquals(7, s.classes().classes());
        assertEquals(40, s.classes().students(), "the flag wins");
        assertEquals(java.time.Duration.ofHours(12), s.classes().idle());
        assertEquals(List.of("10.0.0.1", "0:0:0:0:0:0:0:1"), s.trustedProxies());
        assertTrue(Config.describe(s).contains("classes 7 × 40 students for 12 h idle"), Config.describe(s));
    }

    @Test
    void theLastOfARepeatedFlagWins() {
        assertEquals(9, Config.parse(List.of("--max-runs", "4", "--max-runs", "9"), Map.of()).maxRuns());
    }

    @Test
    void helpListsTheSettingsInTheReadmesOrder() {
        // the README's settings table, row by row: each flag in the first column (before its explanation), in order
        List<String> readme = new java.util.ArrayList<>();
        for (String line : readme()) {
            if (line.startsWith("| `--")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("`(--[a-z-]+)").matcher(line.split("\\|")[1].split(" \\(")[0]);
                while (m.find()) {
                    readme.add(m.group(1));
                }
            }
        }
        assertTrue(readme.size() >= 17, readme::toString);
        assertEquals(readme, Config.options().stream().map(Config.Option::flag).toList());
        assertTrue(Config.help().contains("\n  --no-builtin-lessons     serve only the folder's lessons "
                + "(GRADLAB_NO_BUILTIN_LESSONS)\n"), Config.help());
        assertTrue(Config.help().contains("\n  --port N                 the port, 0..65535 (default 7070) (GRADLAB_PORT)\n"),
                Config.help());
    }

    private static List<String> readme() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("README.md"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void helpListsEveryFlagAndVariable() {
        String help = Config.help();
        for (Config.Option o : Config.options()) {
            assertTrue(help.contains(o.flag()) && help.contains(o.env()), o.flag());
        }
    }
}
