package gradlab.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.view.Assets;
import gradlab.view.LessonText;

/**
 * DESIGN: pages are compressed for a client that accepts gzip; streams (NDJSON, CSV, SSE) are
 * sent uncompressed and unbuffered, so each record leaves as soon as it is computed.
 */
class CompressionTest {
    private static final String GZIP = "Accept-Encoding: gzip";
    /** A run far longer than the test reads of it. */
    private static final String LONG_RUN = "data=spiral&n=2000&hidden=32,32&steps=5000";
    private static final Duration FIRST_RECORD = Duration.ofSeconds(30);
    private static Server server;

    @BeforeAll
    static void start() {
        server = Server.create(Settings.defaults().withPort(0).withRuns(2, 10),
                Lessons.load(true, null, Limits.DEFAULT, LessonText::html)).start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void pagesFragmentsAndScriptsAreGzippedForAClientThatAcceptsIt() throws Exception {
        for (String[] request : new String[][] {
                {"/"}, {"/lesson/intro"}, {"/lab?data=xor&hidden=8&loss=bce"},
                {"/lab?data=xor&hidden=8&loss=bce", "HX-Request: true"}, {"/api/compare"}, {Assets.HTMX}}) {
            String target = request[0];
            String[] headers = request.length == 1 ? new String[] {GZIP} : new String[] {GZIP, request[1]};
            RawHttp.Response zipped = RawHttp.get(server.port(), target, headers);
            assertEquals(200, zipped.status(), target);
            assertEquals("gzip", zipped.header("Content-Encoding"), target);
            RawHttp.Response plain = RawHttp.get(server.port(), target, request.length == 1 ? new String[0] : new String[] {request[1]});
            assertNull(plain.header("Content-Encoding"), target + " without Accept-Encoding");
            String unzipped = gunzip(zipped.body());
            assertEquals(plain.text().length(), unzipped.length(), target + ": the same body, unzipped");
            assertTrue(zipped.body().length < plain.body().length / 2,
                    target + ": " + zipped.body().length + " bytes zipped, " + plain.body().length + " plain");
        }
    }

    @Test
    void theApisStreamsAreNeitherCompressedNorBuffered() throws Exception {
        for (String query : new String[] {LONG_RUN, LONG_RUN + "&format=csv"}) {
            try (StreamLog stream = StreamLog.train(server.port(), query, GZIP)) {
                stream.await(line -> line.startsWith("{\"step\":0") || line.startsWith("0,"), FIRST_RECORD, "step 0");
                assertUncompressed(stream, query);
            }
        }
    }

    @Test
    void theLabsEventStreamIsNeitherCompressedNorBuffered() throws Exception {
        try (StreamLog stream = StreamLog.events(server.port(), LONG_RUN, GZIP)) {
            stream.await(line -> line.equals("event: row"), FIRST_RECORD, "the first row");
            assertUncompressed(stream, "/lab/train?" + LONG_RUN);
        }
    }

    /** The first record came as text, while the run goes on: nothing waited for a buffer to fill. */
    private static void assertUncompressed(StreamLog stream, String what) {
        assertEquals(200, stream.status(), what);
        assertNull(stream.header("Content-Encoding"), what);
        assertEquals("no", stream.header("X-Accel-Buffering"), what);
        assertFalse(stream.ended(), what + ": the first record arrived before the stream's end");
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
