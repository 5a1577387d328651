package gradlab.tools;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.1 connection to a server on this machine, kept alive from one GET to the next as a
 * browser keeps its connection: blocking, one request at a time, every body read to its end. It
 * is the load tests' client because it is small: on the server's two processors, a client that
 * spends little of them on itself (and on compiling itself) leaves the figures to the server.
 */
final class Http1 implements AutoCloseable {
    private static final int MAX_LINE = 64 * 1024;

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[MAX_LINE];

    /** A connection to {@code base} ("http://host:port"), opened at the first request. */
    Http1(String base, Duration timeout) {
        URI u = URI.create(base);
        this.host = u.getHost();
        this.port = u.getPort() < 0 ? 80 : u.getPort();
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /** A response's status, its first Set-Cookie, and its body, not yet read. */
    final class Response {
        final int status;
        final Optional<String> setCookie;
        private final InputStream body;
        private final boolean close;

        private Response(int status, Optional<String> setCookie, InputStream body, boolean close) {
            this.status = status;
            this.setCookie = setCookie;
            this.body = body;
            this.close = close;
        }

        /** Reads the body to its end and lets the connection serve the next request. */
        void discard() throws IOException {
            byte[] skip = new byte[8192];
            while (body.read(skip) >= 0) {
                // to the end
            }
            done();
        }

        /** The whole body as text. */
        String text() throws IOException {
            String s = new String(body.readAllBytes(), UTF_8);
            done();
            return s;
        }

        /**
         * The next line of the body that starts with {@code prefix}, without it and stripped;
         * empty at the body's end (the connection is then free for the next request). Other lines
         * are skipped unread as text.
         */
        Optional<String> next(String prefix) throws IOException {
            byte[] p = prefix.getBytes(UTF_8);
            while (true) {
                int n = readLine(body);
                if (n < 0) {
                    done();
                    return Optional.empty();
                }
                if (n >= p.length && Arrays.equals(line, 0, p.length, p, 0, p.length)) {
                    return Optional.of(new String(line, p.length, n - p.length, UTF_8).strip());
                }
            }
        }

        private void done() throws IOException {
            if (close) {
                Http1.this.close();
            }
        }
    }

    /** GET {@code target} with these extra header lines ("Name: value"; an empty one is left out). */
    Response get(String target, String... headers) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        StringBuilder head = new StringBuilder(256).append("GET ").append(target).append(" HTTP/1.1\r\nHost: ")
                .append(host).append(':').append(port).append("\r\n");
        for (String h : headers) {
            if (!h.isEmpty()) {
                head.append(h).append("\r\n");
            }
        }
        out.write(head.append("\r\n").toString().getBytes(ISO_8859_1));
        out.flush();

        int n = readLine(in);
        if (n < 12) {
            close();
            throw new EOFException("no response to GET " + target);
        }
        int status = Integer.parseInt(new String(line, 9, 3, ISO_8859_1));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        Optional<String> cookie = Optional.empty();
        while ((n = readLine(in)) > 0) {
            String h = new String(line, 0, n, ISO_8859_1);
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.toLowerCase(Locale.ROOT).contains("close");
                case "set-cookie" -> cookie = cookie.or(() -> Optional.of(value));
                default -> { }
            }
        }
        InputStream body = chunked ? new Chunked(in) : length >= 0 ? new Limited(in, length) : in;
        // a body without a length ends with the connection
        return new Response(status, cookie, body, close || (!chunked && length < 0));
    }

    /** Reads one line (without its CR LF) into {@link #line}: its length, or −1 at the end of the stream. */
    private int readLine(InputStream from) throws IOException {
        int n = 0;
        int c;
        while ((c = from.read()) >= 0) {
            if (c == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n < MAX_LINE) {
                line[n++] = (byte) c;
            }
        }
        return n == 0 ? -1 : n;
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            Socket s = socket;
            socket = null;
            s.close();
        }
    }

    /**
     * A body framed within the connection's stream: the bytes of its current piece ({@code left}
     * of them), then the next piece where its framing has one.
     */
    private abstract static class Framed extends InputStream {
        final InputStream in;
        long left;

        Framed(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        /** Whether bytes follow: reads the next piece's framing where the current one is used up. */
        abstract boolean more() throws IOException;

        @Override
        public int read() throws IOException {
            if (!more()) {
                return -1;
            }
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the body ended early");
            }
            left--;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!more()) {
                return -1;
            }
            int r = in.read(b, off, (int) Math.min(len, left));
            if (r < 0) {
                throw new EOFException("the body ended early");
            }
            left -= r;
            return r;
        }
    }

    /** The next {@code length} bytes. */
    private static final class Limited extends Framed {
        Limited(InputStream in, long length) {
            super(in, length);
        }

        @Override
        boolean more() {
            return left > 0;
        }
    }

    /** A chunked body, decoded, up to its last (empty) chunk and the line after it. */
    private static final class Chunked extends Framed {
        private boolean finished;

        Chunked(InputStream in) {
            super(in, 0);
        }

        @Override
        boolean more() throws IOException {
            if (finished) {
                return false;
            }
            if (left == 0) {
                String size = header();
                if (size.isEmpty()) {
                    // the line end after the previous chunk's data
                    size = header();
                }
                int semi = size.indexOf(';');
                left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (left == 0) {
                    // the trailer's end
                    while (!header().isEmpty()) {
                        // no trailers are read
                    }
                    finished = true;
                    return false;
                }
            }
            return true;
        }

        private String header() throws IOException {
            StringBuilder s = new StringBuilder(8);
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    s.append((char) c);
                }
            }
            if (c < 0) {
                throw new EOFException("a chunked body ended before its last chunk");
            }
            return s.toString();
        }
    }
}
