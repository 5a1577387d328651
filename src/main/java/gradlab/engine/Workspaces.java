package gradlab.engine;

import java.util.ArrayDeque;
import java.util.Iterator;

import gradlab.engine.kernel.Kernel;

/**
 * Work buffers kept from call to call by their owner — a training run, a procedure object, a
 * request — so that a training step allocates (almost) nothing: a pool of {@link Workspace}s
 * keyed by shape, which callers borrow and give back. Only what lies in the pool counts against
 * its budget of 64 MiB; past it, the least recently given back are dropped. A workspace that is
 * never given back (its thread died mid-call) is ordinary garbage and never held any budget,
 * and the whole pool goes when its owner does. Safe to share between threads: each borrower
 * gets a workspace of its own.
 */
public final class Workspaces {
    /** A pool keeps at most this many doubles (64 MiB) between calls. */
    static final long MAX_KEPT_DOUBLES = 1L << 23;

    private final long budget;
    /** Idle workspaces, the most recently given back first. */
    private final ArrayDeque<Workspace> idle = new ArrayDeque<>();
    private long kept;

    public Workspaces() {
        this(MAX_KEPT_DOUBLES);
    }

    /** A pool that keeps at most {@code budget} doubles. */
    Workspaces(long budget) {
        this.budget = budget;
    }

    /**
     * The bytes of the buffers one pass over n examples of the model holds (its N × width
     * matrices): what a batched gradient needs beyond θ while it runs, known before it runs.
     */
    public static long bytes(Model model, int n) {
        return Double.BYTES * Workspace.doubles(model, n);
    }

    /** A workspace for the shape and batch size: an idle one if the pool has it, else a new one. */
    /** What a procedure makes of one batched forward pass: its buffers and J over the batch. */
    interface Pass<T> {
        T then(Workspace forwarded, double cost);
    }

    /**
     * One batched forward pass over the batch on a workspace lent for it, J from it, and what
     * {@code pass} makes of them; the workspace comes back to the pool however that ends.
     */
    <T> T forward(Model model, Parameters theta, Batch batch, Kernel kernel, Pass<T> pass) {
        Workspace ws = borrow(model, batch.size());
        try {
            ws.forward(theta, batch.x().data, kernel);
            return pass.then(ws, ws.cost(model, batch.y().data));
        } finally {
            giveBack(ws);
        }
    }

    synchronized Workspace borrow(Model model, int n) {
        for (Iterator<Workspace> it = idle.iterator(); it.hasNext(); ) {
            Workspace w = it.next();
            if (w.fits(model, n)) {
                it.remove();
                kept -= w.doubles();
                return w;
            }
        }
        return Workspace.fresh(model, n);
    }

    /** Returns a borrowed workspace to the pool, which drops what no longer fits its budget. */
    synchronized void giveBack(Workspace w) {
        if (w.doubles() > budget) {
            return;
        }
        idle.addFirst(w);
        kept += w.doubles();
        while (kept > budget) {
            kept -= idle.removeLast().doubles();
        }
    }

    /** How many doubles the idle workspaces hold. */
    synchronized long kept() {
        return kept;
    }

    /** How many workspaces are idle. */
    synchronized int idle() {
        return idle.size();
    }
}
