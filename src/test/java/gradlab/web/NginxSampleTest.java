package gradlab.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The README's nginx sample is the configuration the scale-out tests run: the same upstreams,
 * locations and directives, line for line, apart from the ports and the address it listens on.
 */
class NginxSampleTest {
    @Test
    void theReadmesSampleIsTheConfigurationTheTestsRun() throws IOException {
        String readme = Files.readString(Path.of("README.md"), UTF_8);
        int from = readme.indexOf("```nginx\n");
        assertTrue(from >= 0, "the README has an nginx sample");
        String sample = readme.substring(from + "```nginx\n".length(), readme.indexOf("```", from + 3));
        String template;
        try (InputStream in = NginxSampleTest.class.getResourceAsStream("/nginx/gradlab.conf.template")) {
            assertNotNull(in);
            template = new String(in.readAllBytes(), UTF_8);
        }
        // the template's http{} from its first upstream, without the brace that closes http{}
        String tested = template.substring(template.indexOf("upstream gradlab {"), template.lastIndexOf('}'));
        assertEquals(directives(tested), directives(sample.replace("127.0.0.1:7071", "127.0.0.1:${PORT_A}")
                .replace("127.0.0.1:7072", "127.0.0.1:${PORT_B}")));
    }

    /** The lines that are neither comments nor blank, trimmed, without where the server listens. */
    private static List<String> directives(String config) {
        return config.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .filter(l -> !l.startsWith("listen ") && !l.startsWith("server_name "))
                .toList();
    }
}
