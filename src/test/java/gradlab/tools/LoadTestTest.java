package gradlab.tools;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** loadtest refuses bad flags before it sends a request: one line on stderr, status 2. */
class LoadTestTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--clients 0|--clients must be a whole number from 1 to 1000; got \"0\"",
            "--clients 1001|--clients must be a whole number from 1 to 1000; got \"1001\"",
            "--clients|--clients needs a value",
            "--url http://example.org|--url must be an http address on this machine",
            "--url https://127.0.0.1:7070|--url must be an http address on this machine",
            "--frob|unknown argument \"--frob\"; loadtest takes --clients N and --url URL"})
    void badFlagsAreRefused(String args, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode code = new LoadTest(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8))
                .run(List.of(args.split(" ")));
        assertEquals(2, code.status());
        assertEquals("", out.toString(UTF_8));
        String e = err.toString(UTF_8);
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("gradlab: " + message), e);
    }
}
