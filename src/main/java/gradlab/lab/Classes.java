package gradlab.lab;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live classes of this instance, in memory only, never on disk. An instructor starts one
 * with some lessons; it is found by its code; it expires after a time without use, which frees
 * it. Caps: classes per instance, students per class, and live classes per client.
 */
public final class Classes {
    /** Live classes (not yet ended) one client may hold at once. */
    public static final int PER_CLIENT = 3;
    public static final int DEFAULT_CLASSES = 50;
    /** Half again a class of 200. */
    public static final int DEFAULT_STUDENTS = 300;
    /** A morning's or an afternoon's classes, and time to download their predictions. */
    public static final int DEFAULT_IDLE_HOURS = 4;

    /**
     * @param classes  classes the instance holds at once
     * @param students students one class may have
     * @param idle     how long a class lives without use
     */
    public record Caps(int classes, int students, Duration idle) {
        public static final Caps DEFAULT = new Caps(DEFAULT_CLASSES, DEFAULT_STUDENTS,
                Duration.ofHours(DEFAULT_IDLE_HOURS));

        public Caps {
            if (classes < 1 || students < 1 || idle.isNegative() || idle.isZero()) {
                throw new IllegalArgumentException("a class cap must be positive: " + classes + ", " + students + ", " + idle);
            }
        }
    }

    private final Caps caps;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ClassRoom> byCode = new ConcurrentHashMap<>();

    public Classes(Caps caps, Clock clock) {
        this.caps = caps;
        this.clock = clock;
    }

    public Caps caps() {
        return caps;
    }

    /**
     * A new class of these lessons, in this order, started by {@code client}.
     *
     * @throws ClassRefusal TOO_MANY_CLASSES when the client holds {@link #PER_CLIENT} live classes;
     *         SERVER_FULL when the instance holds as many classes as it may
     */
    public synchronized ClassRoom start(String client, List<Lesson> lessons) {
        expire();
        long mine = byCode.values().stream().filter(r -> r.owner().equals(client) && !r.ended()).count();
        if (mine >= PER_CLIENT) {
            throw new ClassRefusal(ClassRefusal.Kind.TOO_MANY_CLASSES, "You already have " + mine + " live classes "
                    + "on this server, as many as one browser may: end one (Next past its last lesson) or let it "
                    + "expire, then start another.");
        }
        if (byCode.size() >= caps.classes()) {
            throw new ClassRefusal(ClassRefusal.Kind.SERVER_FULL, "This server holds " + caps.classes() + " classes, "
                    + "as many as it may: try again once one has expired (a class expires after "
                    + hours(caps.idle()) + " without use).");
        }
        String code;
        do {
            code = ClassCode.random(random);
        } while (byCode.containsKey(code));
        ClassRoom room = new ClassRoom(code, ClassCode.key(random), client, lessons, caps.students(), clock, random);
        byCode.put(code, room);
        return room;
    }

    /** The live class of this code, read in either case; none for an unknown, malformed or expired one. */
    public Optional<ClassRoom> find(String code) {
        Optional<ClassRoom> room = ClassCode.read(code).map(byCode::get);
        if (room.isPresent() && idle(room.get(), clock.instant())) {
            remove(room.get());
            return Optional.empty();
        }
        return room;
    }

    /** Drops every class idle for longer than the cap; returns how many went. */
    public int expire() {
        Instant now = clock.instant();
        List<ClassRoom> old = new ArrayList<>();
        for (ClassRoom r : byCode.values()) {
            if (idle(r, now)) {
                old.add(r);
            }
        }
        old.forEach(this::remove);
        return old.size();
    }

    private boolean idle(ClassRoom room, Instant now) {
        return room.lastActive().plus(caps.idle()).isBefore(now);
    }

    private void remove(ClassRoom room) {
        if (byCode.remove(room.code(), room)) {
            room.expire();
        }
    }

    /** Classes held now. */
    public int size() {
        return byCode.size();
    }

    /** Students of every class held now. */
    public int students() {
        return byCode.values().stream().mapToInt(ClassRoom::students).sum();
    }

    /** A duration in words: "4 hours", "1 hour", "90 minutes". */
    static String hours(Duration d) {
        long h = d.toHours();
        if (d.equals(Duration.ofHours(h))) {
            return h + (h == 1 ? " hour" : " hours");
        }
        long m = Math.max(1, d.toMinutes());
        return m + (m == 1 ? " minute" : " minutes");
    }
}
