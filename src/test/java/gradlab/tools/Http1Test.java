package gradlab.tools;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** The load tests' own client reads every kind of body HTTP/1.1 sends, and keeps its connection where it may. */
class Http1Test {
    /**
     * A server of one thread that answers each connection's requests, in turn, with the given
     * raw responses (one character per byte: see {@link #bytes}), and notes the requests' heads and how many connections it accepted.
     */
    private static final class Canned implements AutoCloseable {
        final ServerSocket server;
        final List<String> heads = new CopyOnWriteArrayList<>();
        volatile int connections;
        private final Thread thread;

        Canned(List<String> responses) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                int next = 0;
                try {
                    while (next < responses.size()) {
                        try (Socket s = server.accept()) {
                            connections++;
                            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), ISO_8859_1));
                            OutputStream out = s.getOutputStream();
                            while (next < responses.size()) {
                                StringBuilder head = new StringBuilder();
                                String line;
                                while ((line = in.readLine()) != null && !line.isEmpty()) {
                                    head.append(line).append('\n');
                                }
                                if (line == null) {
                                    break;
                                }
                                heads.add(head.toString());
                                String r = responses.get(next++);
                                out.write(r.getBytes(ISO_8859_1));
                                out.flush();
                                if (r.contains("Connection: close") || !r.contains("Content-Length")
                                        && !r.contains("chunked")) {
                                    break;
                                }
                            }
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        String base() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** Text as its UTF-8 bytes, one character per byte, as {@link Canned} sends them. */
    private static String bytes(String text) {
        return new String(text.getBytes(UTF_8), ISO_8859_1);
    }

    /** A chunk of this text: its length in bytes, in hexadecimal, and its bytes. */
    private static String chunk(String text) {
        String b = bytes(text);
        return Integer.toHexString(b.length()) + "\r\n" + b + "\r\n";
    }

    private static List<String> lines(Http1.Response r, String prefix) throws IOException {
        List<String> found = new ArrayList<>();
        for (Optional<String> l = r.next(prefix); l.isPresent(); l = r.next(prefix)) {
            found.add(l.get());
        }
        return found;
    }

    @Test
    void oneConnectionCarriesALengthBodyAChunkedBodyAndThenOneToItsClose() throws Exception {
        String page = "<p>héllo</p>";
        int length = page.getBytes(UTF_8).length;
        try (Canned server = new Canned(List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\nSet-Cookie: gl=abc; Path=/\r\nSet-Cookie: other=1\r\n\r\n"
                        + bytes(page),
                "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk("event: progress\n")
                        + chunk("data: 1\n\nevent: done\ndata: 2\n\n") + "0\r\n\r\n",
                "HTTP/1.1 200 OK\r\n\r\nevent: a\nevent: b"));
             Http1 http = new Http1(server.base(), Duration.ofSeconds(10))) {
            Http1.Response first = http.get("/lab?seed=1");
            assertEquals(200, first.status);
            assertEquals(Optional.of("gl=abc; Path=/"), first.setCookie, "the first Set-Cookie");
            assertEquals(page, first.text());
            Http1.Response second = http.get("/api/compare", "Cookie: gl=abc");
            assertEquals(201, second.status);
            second.discard();
            assertEquals(List.of("progress", "done"), lines(http.get("/lab/train"), "event:"));
            assertEquals(List.of("a", "b"), lines(http.get("/x"), "event:"), "a body without a length, to the close");
            assertEquals(1, server.connections, "kept alive until a body without a length");
            assertTrue(server.heads.get(0).startsWith("GET /lab?seed=1 HTTP/1.1\nHost: 127.0.0.1:"), server.heads.get(0));
            assertTrue(server.heads.get(1).contains("Cookie: gl=abc\n"), server.heads.get(1));
        }
    }

    @Test
    void aCharacterSplitAcrossChunksIsReadWhole() throws Exception {
        String line = bytes("event: θ\n");
        int cut = "event: ".length() + 1; // between θ's two bytes
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(cut) + "\r\n" + line.substring(0, cut) + "\r\n"
                + Integer.toHexString(line.length() - cut) + "\r\n" + line.substring(cut) + "\r\n0\r\n\r\n";
        try (Canned server = new Canned(List.of(response));
             Http1 http = new Http1(server.base(), Duration.ofSeconds(10))) {
            assertEquals(List.of("θ"), lines(http.get("/"), "event:"));
        }
    }

    @Test
    void aConnectionClosedByTheServerIsOpenedAgainForTheNextRequest() throws Exception {
        try (Canned server = new Canned(List.of("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\na",
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"));
             Http1 http = new Http1(server.base(), Duration.ofSeconds(10))) {
            assertEquals("a", http.get("/1").text());
            assertEquals("b", http.get("/2").text());
            assertEquals(2, server.connections);
        }
    }

    @Test
    void aBodyCutShortIsAnError() throws Exception {
        try (Canned server = new Canned(List.of("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\nabc"));
             Http1 http = new Http1(server.base(), Duration.ofSeconds(10))) {
            Http1.Response r = http.get("/");
            assertThrows(IOException.class, r::discard);
        }
        try (Canned server = new Canned(List.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5\r\nab"));
             Http1 http = new Http1(server.base(), Duration.ofSeconds(10))) {
            Http1.Response r = http.get("/");
            assertThrows(IOException.class, () -> lines(r, "event:"));
        }
    }
}
