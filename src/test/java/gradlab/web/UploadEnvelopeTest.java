package gradlab.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;

/**
 * An upload whose envelope is wrong (the audit's multipart request with no boundary) is
 * refused with 400 and a message that names what is wrong, never a 413 that blames the size
 * of a file that was small.
 */
class UploadEnvelopeTest {
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, gradlab.view.LessonText::html);
    private static final String PART = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n"
            + "x,y\n1,2\n3,4\n\r\n--b--\r\n";

    private Server server;

    @BeforeEach
    void start() {
        server = Server.create(Settings.defaults().withPort(0).withRuns(1, 1).with(b -> b.host = "127.0.0.1"), LESSONS)
                .start(0);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "multipart/form-data|boundary", "multipart/form-data; charset=utf-8|boundary",
            "multipart/form-data; boundary=|boundary", "text/csv|multipart/form-data",
            "application/x-www-form-urlencoded|multipart/form-data"})
    void aBodyThatIsNotAMultipartFormWithABoundaryIsA400NamingWhy(String contentType, String named) throws Exception {
        RawHttp.Response r = RawHttp.send(server.port(), RawHttp.request("POST", "/upload",
                List.of("Content-Type: " + contentType), PART.getBytes(UTF_8)), 10_000);
        assertEquals(400, r.status(), r.text());
        assertTrue(r.contentType().startsWith("text/html"), r.contentType());
        assertTrue(r.text().contains(named), r.text());
        assertFalse(r.text().contains("larger") || r.text().contains("KiB for an upload"), "no blame on the size: "
                + r.text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"the boundary never comes|garbage", "no closing boundary|--b\r\nContent-"
            + "Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx,y\n1,2\n"})
    void aBrokenBodyIsA400NotA413(String kind, String body) throws Exception {
        RawHttp.Response r = RawHttp.send(server.port(), RawHttp.request("POST", "/upload",
                List.of("Content-Type: multipart/form-data; boundary=b"), body.getBytes(UTF_8)), 10_000);
        assertEquals(400, r.status(), r.text());
        assertTrue(r.text().contains("could not be read"), r.text());
    }
}
