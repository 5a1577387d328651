package gradlab.web;

import gradlab.lab.Limits;

/**
 * How the server runs: where it listens, how many training runs it allows at once and in
 * line, the lab's limits, and which sites may embed it.
 *
 * @param host           the address to bind
 * @param port           the port (0: any free one)
 * @param maxRuns        training runs at once
 * @param queueLength    training runs waiting at most
 * @param limits         the lab's caps
 * @param frameAncestors the CSP frame-ancestors sources that may embed the pages
 */
public record Settings(String host, int port, int maxRuns, int queueLength, Limits limits, String frameAncestors) {
    public static final int DEFAULT_PORT = 7070;

    public static Settings defaults() {
        return new Settings("0.0.0.0", DEFAULT_PORT, Runtime.getRuntime().availableProcessors(), 500, Limits.DEFAULT,
                "'self'");
    }

    public Settings withPort(int p) {
        return new Settings(host, p, maxRuns, queueLength, limits, frameAncestors);
    }

    public Settings withRuns(int running, int queued) {
        return new Settings(host, port, running, queued, limits, frameAncestors);
    }
}
