package gradlab.web;

import java.util.concurrent.Semaphore;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * The pages that compute (a lab, a comparison, a landscape, a lesson) are computed a few at a
 * time, in the order they were asked for; the others wait, parked. A class that asks for 200
 * pages at once then gets them one after another at full speed, instead of all of them slowly
 * together: fewer threads compete for the processors, so the cheap requests between them (a
 * stream opening, a static file) are not held up, and the first pages come back at once.
 */
final class PageGate {
    private final int atOnce;
    private final Semaphore computing;

    /** At most {@code atOnce} pages computed at once. */
    PageGate(int atOnce) {
        this.atOnce = atOnce;
        this.computing = new Semaphore(atOnce, true);
    }

    /** The handler, computed within the gate. */
    Handler around(Handler page) {
        return ctx -> {
            computing.acquire();
            try {
                page.handle(ctx);
            } finally {
                computing.release();
            }
        };
    }

    /** Pages being computed now. */
    int computing() {
        return atOnce - computing.availablePermits();
    }
}
