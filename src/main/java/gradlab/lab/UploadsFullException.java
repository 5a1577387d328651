package gradlab.lab;

import java.time.Duration;

/**
 * An upload refused because the store is full of other people's uploads: making room would
 * mean dropping one that someone else still uses. Says when the soonest of them expires.
 */
public final class UploadsFullException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Duration wait;

    public UploadsFullException(String message, Duration wait) {
        super(message, null, false, false);
        this.wait = wait;
    }

    /** How long until an upload expires and makes room. */
    public Duration waitFor() {
        return wait;
    }
}
