package gradlab.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;

/**
 * The audit's eviction on loopback: one client's 50 tiny uploads in half a second expired
 * another student's upload. Now each client's uploads make room among its own, and a store
 * full of other people's uploads refuses the newcomer with 503 instead of evicting anyone.
 */
class UploadEvictionTest {
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, gradlab.view.LessonText::html);
    private static final Pattern ID = Pattern.compile("u-[0-9a-f]{12}");

    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void start(Consumer<Settings.Builder> change) {
        server = Server.create(Settings.defaults().withPort(0).withRuns(1, 4).with(b -> b.host = "127.0.0.1")
                .with(change), LESSONS).start(0);
    }

    private RawHttp.Response upload(String client, String csv) throws Exception {
        String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"mine.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--b--\r\n";
        return RawHttp.send(server.port(), RawHttp.request("POST", "/upload", List.of(
                "Content-Type: multipart/form-data; boundary=b", "Cookie: " + Headers.CLIENT_COOKIE + "=" + client),
                body.getBytes(UTF_8)), 10_000);
    }

    private String uploaded(String client, String csv) throws Exception {
        RawHttp.Response r = upload(client, csv);
        assertEquals(200, r.status(), r.text());
        Matcher m = ID.matcher(r.text());
        assertTrue(m.find(), "the preview names the id");
        return m.group();
    }

    private RawHttp.Response compare(String id) throws Exception {
        return RawHttp.get(server.port(), "/api/compare?data=" + id + "&hidden=2");
    }

    private static String csv(int k) {
        return "x,y\n" + k + ",1\n" + (k + 1) + ",2\n";
    }

    @Test
    void oneClientsFiftyUploadsDoNotExpireAnothers() throws Exception {
        start(b -> { });
        String theirs = uploaded("b0b", csv(-1));
        List<String> mine = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            mine.add(uploaded("a11ce", csv(k)));
        }
        RawHttp.Response r = compare(theirs);
        assertEquals(200, r.status(), "the other student's upload still works: " + r.text());
        RawHttp.Response last = compare(mine.get(49));
        assertEquals(200, last.status(), last.text());
        RawHttp.Response first = compare(mine.get(0));
        assertEquals(422, first.status(), first.text());
        assertTrue(first.text().contains("upload expired"), first.text());
    }

    @Test
    void aStoreFullOfOthersUploadsRefusesTheNewcomerAndEvictsNoOne() throws Exception {
        start(b -> b.uploadCount = 3);
        List<String> held = List.of(uploaded("a1", csv(1)), uploaded("b2", csv(2)), uploaded("c3", csv(3)));

        RawHttp.Response refused = upload("d4", csv(4));
        assertEquals(503, refused.status(), refused.text());
        assertTrue(refused.contentType().startsWith("text/html"), refused.contentType());
        long retry = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retry > 60 && retry <= 2 * 3600, "until the oldest expires: " + retry);
        assertTrue(refused.text().contains("try again in 120 minutes"), refused.text());
        assertFalse(ID.matcher(refused.text()).find(), "no id was given out");
        for (String id : held) {
            assertEquals(200, compare(id).status(), id);
        }
    }
}
