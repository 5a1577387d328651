package gradlab.web;

import java.nio.file.Path;

import gradlab.lab.Limits;
import gradlab.lab.UploadStore;

/**
 * How the server runs: where it listens, how many training runs it allows at once and in
 * line, the lab's limits, which sites may embed it, and where its lessons come from.
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

    public Settings withPort(int p) {
        return new Settings(host, p, maxRuns, queueLength, limits, frameAncestors, lessons, builtInLessons, uploads);
    }

    public Settings withRuns(int running, int queued) {
        return new Settings(host, port, running, queued, limits, frameAncestors, lessons, builtInLessons, uploads);
    }

    public Settings withLessons(Path folder, boolean builtIn) {
        return new Settings(host, port, maxRuns, queueLength, limits, frameAncestors, folder, builtIn, uploads);
    }
}
