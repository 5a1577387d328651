package gradlab.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import java.util.List;

import gradlab.lab.Classes;
import gradlab.lab.Limits;
import gradlab.lab.UploadStore;

/**
 * How the server runs: where it listens, how many training runs it allows at once and in
 * line, the lab's limits, which sites may embed it, its lessons and its uploads.
 *
 * @param host           the address to bind
 * @param port           the port (0: any free one)
 * @param maxRuns        training runs at once
 * @param queueLength    training runs waiting at most
 * @param limits         the lab's caps
 * @param frameAncestors the CSP frame-ancestors sources that may embed the pages
 * @param lessons        an instructor's lessons folder, or null
 * @param builtInLessons whether the built-in lessons are served too
 * @param uploads        the caps on uploaded data sets
 * @param warmupSeconds  how long the server warms up before it listens (0: not at all)
 * @param activeRuns     training runs begun at once, taking turns at the maxRuns processors
 * @param writeTimeout   how long a response may wait on a client that reads nothing (and a connection may idle)
 * @param maxThreads     the server's threads, which answer requests (and wait on clients) at once
 * @param runsPerClient  training runs one client may have at once, waiting or running
 * @param compareMemory  the heap, in bytes, that comparisons computed in requests may hold at once
 * @param classes        the caps on live classes: per instance, students per class, idle time before expiry
 * @param trustedProxies the addresses of reverse proxies whose X-Forwarded-For names the client (none: no proxy)
 */
public record Settings(String host, int port, int maxRuns, int queueLength, Limits limits, String frameAncestors,
                       Path lessons, boolean builtInLessons, UploadStore.Caps uploads, int warmupSeconds,
                       int activeRuns, Duration writeTimeout, int maxThreads, int runsPerClient, long compareMemory,
                       Classes.Caps classes, List<String> trustedProxies) {
    public Settings {
        trustedProxies = List.copyOf(trustedProxies);
    }

    public static final int DEFAULT_PORT = 7070;
    /** Long enough for a slow network, short enough that clients who never read cannot hold the server's threads. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
    /** Jetty's threads as Javalin sets them. */
    public static final int DEFAULT_MAX_THREADS = 250;
    /** Long enough to compile what a class's first minute runs, short enough for a restart. */
    public static final int DEFAULT_WARMUP_SECONDS = 20;
    /** More than a class of 200 begins at once, each taking turns. */
    public static final int DEFAULT_ACTIVE_RUNS = 256;
    /** A student trains in one tab, perhaps two: three is more than a class needs and less than a line. */
    public static final int DEFAULT_RUNS_PER_CLIENT = 3;

    public static Settings defaults() {
        return new Settings("0.0.0.0", DEFAULT_PORT, Runtime.getRuntime().availableProcessors(), 500, Limits.DEFAULT,
                "'self'", null, true, UploadStore.Caps.DEFAULT, DEFAULT_WARMUP_SECONDS, DEFAULT_ACTIVE_RUNS,
                DEFAULT_WRITE_TIMEOUT, DEFAULT_MAX_THREADS,
                DEFAULT_RUNS_PER_CLIENT, defaultCompareMemory(), Classes.Caps.DEFAULT, List.of());
    }

    /** Half the heap: the rest is the training runs', the uploads' and the server's own. */
    public static long defaultCompareMemory() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /** The values as mutable fields, for changing a few at once. */
    public static final class Builder {
        public String host;
        public int port;
        public int maxRuns;
        public int queueLength;
        public Limits limits;
        public String frameAncestors;
        public Path lessons;
        public boolean builtInLessons;
        public long uploadBytes;
        public int uploadCount;
        public Duration uploadLifetime;
        public int warmupSeconds;
        public int activeRuns;
        public Duration writeTimeout;
        public int maxThreads;
        public int runsPerClient;
        public long compareMemory;
        public int uploadsPerClient;
        public int uploadsAtOnce;
        public Duration uploadArrival;
        public int maxClasses;
        public int studentsPerClass;
        public Duration classIdle;
        public List<String> trustedProxies;

        private Builder(Settings s) {
            host = s.host;
            port = s.port;
            maxRuns = s.maxRuns;
            queueLength = s.queueLength;
            limits = s.limits;
            frameAncestors = s.frameAncestors;
            lessons = s.lessons;
            builtInLessons = s.builtInLessons;
            uploadBytes = s.uploads.maxBytes();
            uploadCount = s.uploads.maxUploads();
            uploadLifetime = s.uploads.lifetime();
            warmupSeconds = s.warmupSeconds;
            activeRuns = s.activeRuns;
            writeTimeout = s.writeTimeout;
            maxThreads = s.maxThreads;
            runsPerClient = s.runsPerClient;
            compareMemory = s.compareMemory;
            uploadsPerClient = s.uploads.perClient();
            uploadsAtOnce = s.uploads.atOnce();
            uploadArrival = s.uploads.arrival();
            maxClasses = s.classes.classes();
            studentsPerClass = s.classes.students();
            classIdle = s.classes.idle();
            trustedProxies = s.trustedProxies;
        }

        private Settings build() {
            UploadStore.Caps u = new UploadStore.Caps(uploadBytes, limits.maxN(), UploadStore.Caps.DEFAULT.maxColumns(),
                    uploadCount, uploadLifetime, uploadsPerClient, uploadsAtOnce, uploadArrival);
            return new Settings(host, port, maxRuns, queueLength, limits, frameAncestors, lessons, builtInLessons, u,
                    warmupSeconds, activeRuns, writeTimeout, maxThreads, runsPerClient, compareMemory,
                    new Classes.Caps(maxClasses, studentsPerClass, classIdle), trustedProxies);
        }
    }

    /** These settings with some values changed. */
    public Settings with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    public Settings withPort(int p) {
        return with(b -> b.port = p);
    }

    /** At most {@code running} runs at once, one after another (none taking turns), {@code queued} in line. */
    public Settings withRuns(int running, int queued) {
        return with(b -> {
            b.maxRuns = running;
            b.queueLength = queued;
            b.activeRuns = running;
        });
    }
}
