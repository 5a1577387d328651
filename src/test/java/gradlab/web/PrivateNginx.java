package gradlab.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A private nginx (never the system one) in a temporary folder, started from
 * {@code nginx/gradlab.conf.template} — the README's sample — in front of two instances, on
 * loopback ports only. Its access log names, for every request, the instance that answered it.
 */
final class PrivateNginx implements AutoCloseable {
    private static final String TEMPLATE = "/nginx/gradlab.conf.template";
    private static final Duration STARTUP = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dir;
    private final int port;
    private Process process;
    private List<ProcessHandle> workers = List.of();
    private final Thread shutdownHook;

    private PrivateNginx(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.shutdownHook = new Thread(this::stop, "stop-test-nginx");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The nginx binary; skips the test without one, except on CI (CI=true), where that is a failure. */
    static String requireBinary() {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/sbin/nginx")));
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty()) {
                candidates.add(Path.of(d, "nginx"));
            }
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        String reason = "the scale-out test needs nginx (/usr/sbin/nginx or nginx on PATH; Debian package nginx)";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true but " + reason);
        }
        System.out.println("scale-out test skipped: " + reason);
        Assumptions.assumeTrue(false, reason);
        return null;
    }

    /**
     * nginx in front of the instances on {@code portA} and {@code portB} (the first is also the
     * one that holds classes), answering once the proxy passes {@code /health}.
     */
    static PrivateNginx start(String binary, int portA, int portB) throws Exception {
        Path dir = Files.createTempDirectory("gradlab-nginx-");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // run as root, nginx's workers are "nobody": they must reach the temp paths inside
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        }
        int port = freePort();
        String config = template(Map.of("DIR", dir.toString(), "PORT_A", String.valueOf(portA),
                "PORT_B", String.valueOf(portB), "PROXY_PORT", String.valueOf(port)));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config);
        Path errorLog = dir.resolve("error.log");
        Process process = new ProcessBuilder(binary, "-p", dir + "/", "-c", conf.toString(), "-e", errorLog.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        PrivateNginx nginx = new PrivateNginx(dir, port, process);
        try {
            nginx.awaitAnswer();
            return nginx;
        } catch (Throwable e) {
            nginx.close();
            throw e;
        }
    }

    private void awaitAnswer() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("nginx exited with " + process.exitValue() + ":\n" + logs());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"status\":\"ok\"")) {
                    workers = process.descendants().toList();
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        fail("the proxy did not answer within " + STARTUP + " (" + last + "):\n" + logs());
    }

    int port() {
        return port;
    }

    /** An address through the proxy. */
    URI uri(String pathAndQuery) {
        return URI.create(origin() + pathAndQuery);
    }

    /** What a browser that loaded a page through the proxy sends as its Origin. */
    String origin() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The access log's lines so far: {@code <upstream address> <method> <request URI>
     * <client cookie>} (the test's own log format; "-" where there is none).
     */
    List<String> accessLog() throws IOException {
        Path f = dir.resolve("access.log");
        return Files.exists(f) ? Files.readAllLines(f, UTF_8) : List.of();
    }

    /** nginx's own output and error log, for a failure's message. */
    String logs() {
        StringBuilder s = new StringBuilder();
        for (String name : List.of("nginx.out", "error.log")) {
            Path f = dir.resolve(name);
            try {
                if (Files.exists(f)) {
                    s.append("--- ").append(name).append('\n').append(Files.readString(f));
                }
            } catch (IOException e) {
                s.append(name).append(": ").append(e).append('\n');
            }
        }
        return s.toString();
    }

    /** Stops nginx and its workers, and removes its folder. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or the JVM is going down: nothing to remove
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("PrivateNginx: removing " + dir + ": " + e);
        }
    }

    private synchronized void stop() {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(workers);
        all.addAll(p.descendants().toList());
        p.destroy(); // SIGTERM: the master stops its workers and exits
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                System.err.println("PrivateNginx: nginx did not stop on SIGTERM; killing it");
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle w : all) {
                if (w.isAlive()) {
                    w.destroyForcibly();
                    w.onExit().get(5, TimeUnit.SECONDS);
                }
            }
        } catch (Exception e) {
            System.err.println("PrivateNginx: stopping nginx: " + e);
        }
    }

    /** The template with its ${NAME} placeholders replaced; none may remain. */
    private static String template(Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = PrivateNginx.class.getResourceAsStream(TEMPLATE)) {
            assertNotNull(in, TEMPLATE + " is on the test classpath");
            text = new String(in.readAllBytes(), UTF_8);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue());
        }
        Matcher left = Pattern.compile("\\$\\{[A-Z_]+\\}").matcher(text);
        assertFalse(left.find(), () -> "a placeholder is left in the configuration: " + left.group());
        return text;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
