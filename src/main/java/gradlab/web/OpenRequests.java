package gradlab.web;

/**
 * The requests of one kind being answered now, counted, so that a stopping server can let them
 * write their last lines before Jetty closes their connections under them.
 */
final class OpenRequests {
    private int open;

    synchronized void opened() {
        open++;
    }

    synchronized void closed() {
        open--;
        notifyAll();
    }

    /** Waits until none is open, at most {@code millis}; returns whether none is. */
    synchronized boolean awaitNone(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (long left = millis * 1_000_000; open > 0 && left > 0; left = deadline - System.nanoTime()) {
            wait(Math.max(1, left / 1_000_000));
        }
        return open == 0;
    }
}
