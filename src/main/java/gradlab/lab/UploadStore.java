package gradlab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * <p>Memory is bounded twice: at most {@code maxUploads} data sets (when full, the one that
 * expires soonest makes room), and the ids of the last few thousand expired or evicted
 * uploads, so that an old link says "expired" rather than "never seen".
 */
public final class UploadStore implements Uploads {
    static final int REMEMBERED_IDS = 10_000;

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

    /** An upload with the whole hash of its file, so a re-upload is recognised without parsing it again. */
    private record Stored(Upload upload, byte[] sha256) {
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

    /**
     * Reads, checks and keeps an uploaded CSV file (UTF-8). Reads at most maxBytes + 1 bytes:
     * a larger file is refused without reading the rest. The caller closes the stream.
     */
    public Upload add(InputStream in) throws UploadException {
        byte[] bytes = readAtMost(in, caps.maxBytes());
        byte[] sha256 = sha256(bytes);
        String id = "u-" + HEX.formatHex(sha256, 0, ID_HEX_DIGITS / 2);

        synchronized (lock) {
            Instant now = clock.instant();
            Stored known = uploads.get(id);
            if (known != null && !known.expiredAt(now) && Arrays.equals(known.sha256(), sha256)) {
                return put(now, new Stored(known.upload(), sha256));
            }
        }
        // parsing is the slow part, so other requests go on meanwhile
        DataSet data = parse(bytes);
        synchronized (lock) {
            return put(clock.instant(), new Stored(new Upload(id, data, null), sha256));
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

    /** Stores with a fresh expiry, making room first when the store is full. */
    private Upload put(Instant now, Stored stored) {
        String id = stored.upload().id();
        if (!uploads.containsKey(id)) {
            uploads.entrySet().removeIf(e -> {
                boolean expired = e.getValue().expiredAt(now);
                if (expired) {
                    remember(e.getKey());
                }
                return expired;
            });
            if (uploads.size() >= caps.maxUploads()) {
                Upload soonest = null;
                for (Stored s : uploads.values()) {
                    if (soonest == null || s.upload().expires().isBefore(soonest.expires())) {
                        soonest = s.upload();
                    }
                }
                forget(soonest.id());
            }
        }
        Upload upload = new Upload(id, stored.upload().data(), now.plus(caps.lifetime()));
        uploads.put(id, new Stored(upload, stored.sha256()));
        gone.remove(id);
        return upload;
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

    private static byte[] readAtMost(InputStream in, long maxBytes) throws UploadException {
        byte[] bytes;
        try {
            // never asks the stream for more than maxBytes + 1 bytes
            bytes = in.readNBytes((int) maxBytes + 1);
        } catch (IOException e) {
            throw new UploadException("the upload broke off before the whole file arrived: upload the file again");
        }
        if (bytes.length > maxBytes) {
            throw new UploadException("the file is larger than this server's limit of " + size(maxBytes)
                    + " for an upload; upload a smaller file");
        }
        return bytes;
    }

    private DataSet parse(byte[] bytes) throws UploadException {
        try {
            return reader.read(new StringReader(utf8(bytes)));
        } catch (CsvException e) {
            throw new UploadException(e.line(), e.column(), e.getMessage());
        }
    }

    /** The text of the file; a byte sequence that is not UTF-8 is refused with its line. */
    private static String utf8(byte[] bytes) throws UploadException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new UploadException(line, 0, "line " + line + ": the file is not UTF-8 text; "
                    + "save it as CSV (UTF-8) with a spreadsheet or text editor and upload it again");
        }
        return out.flip().toString();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A size as a person writes it: 1 MiB, 64 KiB, 1000 bytes. */
    static String size(long bytes) {
        if (bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + " MiB";
        }
        if (bytes % (1L << 10) == 0) {
            return bytes / (1L << 10) + " KiB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
