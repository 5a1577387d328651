package gradlab.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 on a plain socket, so that a test can send what no well-behaved client would (a
 * raw byte in the URL, a wrong method, a lying Content-Length) and can drop a connection for
 * real. Every request asks for {@code Connection: close}: the response ends where the
 * connection does, or where its chunked body says.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** A whole response. {@code complete} is false when a chunked body was cut off before its last chunk. */
    record Response(int status, String statusLine, Map<String, List<String>> headers, byte[] body, boolean complete) {
        String text() {
            return new String(body, UTF_8);
        }

        /** The first value of a header (any case), or null. */
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String contentType() {
            String type = header("Content-Type");
            return type == null ? "" : type.toLowerCase(Locale.ROOT);
        }
    }

    /** A GET with optional extra header lines ("Name: value"). */
    static Response get(int port, String target, String... headers) throws IOException {
        return send(port, request("GET", target, List.of(headers), null), 30_000);
    }

    /** The head of a request: request line, Host, the extra lines, Connection: close, and Content-Length for a body. */
    static byte[] request(String method, String target, List<String> headers, byte[] body) {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        // the head goes out as UTF-8, so that a raw non-ASCII character reaches the server as its bytes
        byte[] h = head.toString().getBytes(UTF_8);
        if (body == null) {
            return h;
        }
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Sends the bytes as they are and reads the response until the server closes the connection. */
    static Response send(int port, byte[] request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException refusedEarly) {
                // the server may answer (and close) before it has read a body it does not want
            }
            byte[] all = socket.getInputStream().readAllBytes();
            return parse(all);
        }
    }

    static Response parse(byte[] all) throws IOException {
        BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(all));
        Head head = Head.read(in);
        if (head == null) {
            throw new IOException("no response at all (" + all.length + " bytes)");
        }
        InputStream body = head.body(in);
        byte[] bytes = body.readAllBytes();
        boolean complete = !(body instanceof Chunked c) || c.finished;
        return new Response(head.status, head.statusLine, head.headers, bytes, complete);
    }

    /** A response read as it comes: a training stream. */
    static Stream open(int port, String target, String... headers) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        try {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request("GET", target, List.of(headers), null));
            out.flush();
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
            Head head = Head.read(in);
            if (head == null) {
                throw new IOException("the server closed " + target + " without a response");
            }
            return new Stream(socket, head, head.body(in));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** An event stream, as htmx asks for it. */
    static Stream sse(int port, String target, String... headers) throws IOException {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 1);
        all[headers.length] = "Accept: text/event-stream";
        return open(port, target, all);
    }

    /** An open response whose body is read line by line. */
    static final class Stream implements AutoCloseable {
        private final Socket socket;
        private final Head head;
        private final InputStream body;

        private Stream(Socket socket, Head head, InputStream body) {
            this.socket = socket;
            this.head = head;
            this.body = body;
        }

        int status() {
            return head.status;
        }

        String header(String name) {
            List<String> values = head.headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The next line of the body without its line end, or null at its end. */
        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = body.read()) != -1 && b != '\n') {
                line.write(b);
            }
            if (b == -1 && line.size() == 0) {
                return null;
            }
            String s = line.toString(UTF_8);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        void timeout(int millis) throws IOException {
            socket.setSoTimeout(millis);
        }

        /** Closes the connection the hard way (a reset), as a browser tab that is killed. */
        void abort() throws IOException {
            if (socket.isClosed()) {
                return;
            }
            socket.setSoLinger(true, 0);
            socket.close();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The status line and the headers. */
    private record Head(int status, String statusLine, Map<String, List<String>> headers) {
        static Head read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null || statusLine.isEmpty()) {
                return null;
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP status line: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String l; (l = line(in)) != null && !l.isEmpty(); ) {
                int colon = l.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(l.substring(colon + 1).strip());
                }
            }
            return new Head(status, statusLine, headers);
        }

        InputStream body(InputStream in) {
            List<String> te = headers.get("transfer-encoding");
            return te != null && te.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
                    ? new Chunked(in) : in;
        }

        /** One header line (ISO-8859-1, as HTTP says), or null at the end of the stream. */
        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                b.write(c);
            }
            if (c == -1 && b.size() == 0) {
                return null;
            }
            String s = b.toString(ISO_8859_1);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
    }

    /** A chunked body, decoded; {@code finished} once the last (empty) chunk was read. */
    private static final class Chunked extends InputStream {
        private final InputStream in;
        private long left;
        private boolean finished;
        private boolean ended;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (ended) {
                return -1;
            }
            if (left == 0) {
                String size = Head.line(in);
                if (size != null && size.isEmpty()) {
                    // the line end after the previous chunk's data
                    size = Head.line(in);
                }
                if (size == null) {
                    ended = true;
                    return -1;
                }
                int semicolon = size.indexOf(';');
                left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
                if (left == 0) {
                    finished = true;
                    ended = true;
                    return -1;
                }
            }
            int b = in.read();
            if (b == -1) {
                ended = true;
                return -1;
            }
            left--;
            return b;
        }
    }
}
