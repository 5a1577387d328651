package gradlab;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** The packaged jar, run as a user runs it (after {@code package}, by the failsafe plugin). */
class CliJarIT {
    private static final Path JAR = Path.of("target", "gradlab.jar");

    record Result(int status, String out, String err) {
    }

    @Test
    void theJarComparesTrainsAndRefuses() throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");

        Result good = java("compare", "data=xor&hidden=8%2C8");
        assertEquals(0, good.status(), good.err());
        JsonNode c = new ObjectMapper().readTree(good.out());
        for (String key : List.of("spec", "parameters", "batch", "cost", "atKink", "gradients", "metrics")) {
            assertTrue(c.has(key), "compare prints " + key);
        }
        assertEquals(8, c.get("spec").get("hidden").get(1).asInt());

        Result train = java("train", "data=line&steps=5");
        assertEquals(0, train.status(), train.err());
        List<String> lines = train.out().lines().toList();
        assertEquals(7, lines.size(), "steps 0..5, then the summary");
        assertTrue(lines.get(6).startsWith("{\"summary\""), lines.get(6));

        Result bad = java("compare", "n=0");
        assertEquals(2, bad.status());
        assertEquals("", bad.out());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().startsWith("gradlab: n "), bad.err());
    }

    @Test
    void theSameQueryTrainsToTheSameBytesWithTheVectorKernels() throws IOException, InterruptedException {
        // tanh layers on the vector kernels, from the first steps (before the JIT has compiled them) on
        String query = "data=spiral&hidden=16%2C16&n=200&steps=300";
        Result first = java(List.of("--add-modules", "jdk.incubator.vector"), "train", query);
        Result second = java(List.of("--add-modules", "jdk.incubator.vector"), "train", query);
        assertEquals(0, first.status(), first.err());
        assertEquals(302, first.out().lines().count(), "steps 0..300, then the summary");
        assertEquals(first.out(), second.out());
    }

    private static Result java(String... args) throws IOException, InterruptedException {
        return java(List.of(), args);
    }

    private static Result java(List<String> options, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(options);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("gradlab-out", ".txt");
        Path err = Files.createTempFile("gradlab-err", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the jar did not finish in 60 s: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
