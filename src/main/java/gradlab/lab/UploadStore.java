package gradlab.lab;

import java.io.InputStream;
import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import gradlab.data.CsvException;
import gradlab.data.CsvReader;
import gradlab.data.DataSet;

/**
 * The data sets students uploaded to this instance, in memory only, each until it expires.
 * An upload's id is {@code u-} and the first 12 hex digits of the file's SHA-256, so the same
 * file always gets the same id (uploading it again refreshes its expiry) and a link to it
 * works for anyone whose requests reach this instance while it lives.
 *
 * <p>Each upload is held by the clients that uploaded it (a client is an opaque name the caller
 * gives). A client holds at most {@code perClient} uploads: its next one replaces its own
 * oldest, which a student expects of "upload the corrected file", and which leaves everyone
 * else's alone. An upload another client still holds stays. When the store is full, room comes
 * from the newcomer's own uploads; a newcomer with none is refused until one expires, rather
 * than evicting what someone else is using.
 *
 * <p>Memory is bounded: at most {@code maxUploads} data sets, at most {@link #MAX_HOLDERS}
 * holders recorded for each (scripts may pose as any number of clients), and the ids of the
 * last few thousand expired or evicted uploads, so that an old link says "expired" rather than
 * "never seen".
 */
public final class UploadStore implements Uploads {
    static final int REMEMBERED_IDS = 10_000;
    /** Past this many holders, a client who uploads the same file refreshes it without holding it. */
    static final int MAX_HOLDERS = 100;
    /** The client of {@link #add(InputStream)}. */
    static final String ANONYMOUS = "";

    private static final HexFormat HEX = HexFormat.of();
    private static final int ID_HEX_DIGITS = 12;
    /** Larger arrays than this cannot be allocated on every JVM. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;
    private static final int DEFAULT_AT_ONCE = 16;
    private static final Duration DEFAULT_ARRIVAL = Duration.ofSeconds(60);

    /**
     * What this instance accepts and keeps. The store keeps uploads; the web layer receives
     * them, and holds the last two caps: how many may be arriving at once and how long one may
     * take to arrive (a slow sender holds a server thread while its body trickles in).
     *
     * @param maxBytes   the largest file, in bytes
     * @param maxRows    the most data rows in a file
     * @param maxColumns the most columns in a file
     * @param maxUploads the most uploads held at once
     * @param lifetime   how long an upload lives after it was last uploaded
     * @param perClient  the most uploads one client holds at once
     * @param atOnce     the most uploads arriving at once
     * @param arrival    the longest an upload's body may take to arrive
     */
    public record Caps(long maxBytes, int maxRows, int maxColumns, int maxUploads, Duration lifetime, int perClient,
                       int atOnce, Duration arrival) {
        public static final Caps DEFAULT = new Caps(1L << 20, 10_000, 32, 50, Duration.ofHours(2), 5,
                DEFAULT_AT_ONCE, DEFAULT_ARRIVAL);

        public Caps {
            if (maxBytes < 1 || maxBytes > MAX_ARRAY) {
                throw new IllegalArgumentException("maxBytes must be from 1 to " + MAX_ARRAY + "; got " + maxBytes);
            }
            if (maxRows < 1 || maxColumns < 2 || maxUploads < 1 || perClient < 1 || atOnce < 1) {
                throw new IllegalArgumentException("need maxRows ≥ 1, maxColumns ≥ 2, and maxUploads, perClient and "
                        + "atOnce ≥ 1");
            }
            if (lifetime.isNegative() || lifetime.isZero() || arrival.isNegative() || arrival.isZero()) {
                throw new IllegalArgumentException("lifetime and arrival must be positive; got " + lifetime + ", "
                        + arrival);
            }
        }

        /** Caps where one client may hold every upload, received as by default. */
        public Caps(long maxBytes, int maxRows, int maxColumns, int maxUploads, Duration lifetime) {
            this(maxBytes, maxRows, maxColumns, maxUploads, lifetime, maxUploads, DEFAULT_AT_ONCE, DEFAULT_ARRIVAL);
        }
    }

    /**
     * A stored data set.
     *
     * @param id      u- and 12 lowercase hex digits
     * @param data    the parsed table
     * @param expires when the store forgets it (unless the same file is uploaded again)
     */
    public record Upload(String id, DataSet data, Instant expires) {
    }

    /**
     * An upload with the whole hash of its file, so a re-upload is recognised without parsing it
     * again, and the clients that hold it, each with when it last uploaded the file.
     */
    private record Stored(Upload upload, byte[] sha256, Map<String, Instant> holders) {
        Stored {
            holders = Map.copyOf(holders);
        }

        boolean expiredAt(Instant now) {
            return !now.isBefore(upload.expires());
        }
    }

    private final Caps caps;
    private final Clock clock;
    private final CsvReader reader;
    private final Object lock = new Object();
    /** Guarded by lock. */
    private final Map<String, Stored> uploads = new HashMap<>();
    /** Guarded by lock: ids that were stored and are gone, oldest first, at most {@code remembered}. */
    private final Map<String, Boolean> gone;

    public UploadStore(Caps caps, Clock clock) {
        this(caps, clock, REMEMBERED_IDS);
    }

    /** @param remembered how many ids of expired or evicted uploads to remember */
    UploadStore(Caps caps, Clock clock, int remembered) {
        this.caps = caps;
        this.clock = clock;
        this.reader = new CsvReader(caps.maxRows(), caps.maxColumns());
        this.gone = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > remembered;
            }
        };
    }

    /** {@link #add(InputStream, String)} for one anonymous client. */
    public Upload add(InputStream in) throws UploadException, UploadsFullException {
        return add(in, ANONYMOUS);
    }

    /**
     * Reads, checks and keeps an uploaded CSV file (UTF-8) for this client. Reads at most
     * maxBytes + 1 bytes: a larger file is refused without reading the rest. The caller closes
     * the stream.
     *
     * @throws UploadException      the file is not a table the lab can use
     * @throws UploadsFullException the store is full and this client holds nothing that could make room
     */
    public Upload add(InputStream in, String client) throws UploadException, UploadsFullException {
        byte[] bytes = UploadedBytes.readAtMost(in, caps.maxBytes());
        byte[] sha256 = UploadedBytes.sha256(bytes);
        String id = "u-" + HEX.formatHex(sha256, 0, ID_HEX_DIGITS / 2);

        synchronized (lock) {
            Instant now = clock.instant();
            Stored known = live(id, now);
            if (known != null && Arrays.equals(known.sha256(), sha256)) {
                return hold(now, known, client);
            }
        }
        // parsing is the slow part, so other requests go on meanwhile
        DataSet data = parse(bytes);
        synchronized (lock) {
            Instant now = clock.instant();
            Stored known = live(id, now);
            boolean same = known != null && Arrays.equals(known.sha256(), sha256);
            return hold(now, same ? known : new Stored(new Upload(id, data, null), sha256, Map.of()), client);
        }
    }

    /** The data set with this id; refused on {@code data} when it expired or was never here. */
    @Override
    public DataSet find(String id) {
        synchronized (lock) {
            Stored stored = live(id, clock.instant());
            if (stored != null) {
                return stored.upload().data();
            }
            if (gone.containsKey(id)) {
                throw new ValidationException(Param.DATA, "upload expired: upload the file again");
            }
        }
        throw new ValidationException(Param.DATA, "no uploaded data set " + id + " on this server: upload the file again");
    }

    /** The upload with this id while it lives, for a preview; empty otherwise. Does not refresh it. */
    public Optional<Upload> peek(String id) {
        synchronized (lock) {
            Stored stored = live(id, clock.instant());
            return stored == null ? Optional.empty() : Optional.of(stored.upload());
        }
    }

    /** How many clients hold the upload with this id (0 when it is not here). */
    int holders(String id) {
        synchronized (lock) {
            Stored stored = uploads.get(id);
            return stored == null ? 0 : stored.holders().size();
        }
    }

    /** How many uploads are held, expired ones not yet dropped included. */
    public int size() {
        synchronized (lock) {
            return uploads.size();
        }
    }

    // ------------------------------------------------------------------ guarded by lock

    /** The stored upload, or null; an expired one is dropped on the way. */
    private Stored live(String id, Instant now) {
        Stored stored = uploads.get(id);
        if (stored != null && stored.expiredAt(now)) {
            forget(id);
            return null;
        }
        return stored;
    }

    /** Keeps the upload as held by the client from now, with a fresh expiry, making room first. */
    private Upload hold(Instant now, Stored stored, String client) throws UploadsFullException {
        String id = stored.upload().id();
        dropExpired(now);
        if (!uploads.containsKey(id) && uploads.size() >= caps.maxUploads()) {
            // room comes from the client's own uploads, never from one that someone else holds
            String own = oldestHeldBy(client, true);
            if (own == null) {
                throw full(now);
            }
            forget(own);
        }
        Map<String, Instant> holders = new HashMap<>(stored.holders());
        boolean holds = holders.containsKey(client);
        if (holds || holders.size() < MAX_HOLDERS) {
            if (!holds && heldBy(client) >= caps.perClient()) {
                release(oldestHeldBy(client, false), client);
            }
            holders.put(client, now);
        }
        Upload upload = new Upload(id, stored.upload().data(), now.plus(caps.lifetime()));
        uploads.put(id, new Stored(upload, stored.sha256(), holders));
        gone.remove(id);
        return upload;
    }

    private void dropExpired(Instant now) {
        uploads.entrySet().removeIf(e -> {
            boolean expired = e.getValue().expiredAt(now);
            if (expired) {
                remember(e.getKey());
            }
            return expired;
        });
    }

    private int heldBy(String client) {
        int n = 0;
        for (Stored s : uploads.values()) {
            n += s.holders().containsKey(client) ? 1 : 0;
        }
        return n;
    }

    /** The id of the upload this client uploaded longest ago (of those only it holds, if alone), or null. */
    private String oldestHeldBy(String client, boolean alone) {
        String oldest = null;
        Instant when = null;
        for (Stored s : uploads.values()) {
            Instant t = s.holders().get(client);
            if (t != null && (!alone || s.holders().size() == 1) && (when == null || t.isBefore(when))) {
                oldest = s.upload().id();
                when = t;
            }
        }
        return oldest;
    }

    /** The client lets go of the upload; the upload goes when no one holds it any more. */
    private void release(String id, String client) {
        Stored s = uploads.get(id);
        Map<String, Instant> holders = new HashMap<>(s.holders());
        holders.remove(client);
        if (holders.isEmpty()) {
            forget(id);
        } else {
            uploads.put(id, new Stored(s.upload(), s.sha256(), holders));
        }
    }

    private UploadsFullException full(Instant now) {
        Instant soonest = null;
        for (Stored s : uploads.values()) {
            if (soonest == null || s.upload().expires().isBefore(soonest)) {
                soonest = s.upload().expires();
            }
        }
        Duration wait = Duration.between(now, soonest);
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return new UploadsFullException("This server holds as many uploads as it may (" + caps.maxUploads()
                + "), all of them other people's: try again in " + minutes + (minutes == 1 ? " minute" : " minutes")
                + ", when the oldest expires, or ask the instructor to allow more.", wait);
    }

    private void forget(String id) {
        uploads.remove(id);
        remember(id);
    }

    private void remember(String id) {
        // removed first, so that the id counts as the newest
        gone.remove(id);
        gone.put(id, Boolean.TRUE);
    }

    // ------------------------------------------------------------------ reading a file

    private DataSet parse(byte[] bytes) throws UploadException {
        try {
            return reader.read(new StringReader(UploadedBytes.utf8(bytes)));
        } catch (CsvException e) {
            throw new UploadException(e.line(), e.column(), e.getMessage());
        }
    }
}
