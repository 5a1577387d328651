package gradlab.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

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
 */
public record Settings(String host, int port, int maxRuns, int queueLength, Limits limits, String frameAncestors,
                       Path lessons, boolean builtInLessons, UploadStore.Caps uploads) {
    public static final int DEFAULT_PORT = 7070;

    public static Settings defaults() {
        return new Settings("0.0.0.0", DEFAULT_PORT, Runtime.getRuntime().availableProcessors(), 500, Limits.DEFAULT,
                "'self'", null, true, UploadStore.Caps.DEFAULT);
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
        public int uploadsPerClient;
        public int uploadsAtOnce;
        public Duration uploadArrival;

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
            uploadsPerClient = s.uploads.perClient();
            uploadsAtOnce = s.uploads.atOnce();
            uploadArrival = s.uploads.arrival();
        }

        private Settings build() {
            UploadStore.Caps u = new UploadStore.Caps(uploadBytes, limits.maxN(), UploadStore.Caps.DEFAULT.maxColumns(),
                    uploadCount, uploadLifetime, uploadsPerClient, uploadsAtOnce, uploadArrival);
            return new Settings(host, port, maxRuns, queueLength, limits, frameAncestors, lessons, builtInLessons, u);
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

    public Settings withRuns(int running, int queued) {
        return with(b -> {
            b.maxRuns = running;
            b.queueLength = queued;
        });
    }
}
