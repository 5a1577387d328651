package gradlab.view;

/** Every address the pages link to and the server answers, in one place. */
public final class Paths {
    public static final String HOME = "/";
    public static final String LESSON = "/lesson/{id}";
    public static final String LAB = "/lab";
    public static final String UPLOAD = "/upload";
    public static final String LAB_RUN = "/lab/run";
    public static final String LAB_LANDSCAPE = "/lab/landscape";
    public static final String LAB_TRAIN = "/lab/train";
    /** One of the comparison's charts alone, as an SVG file. */
    public static final String LAB_CHART = "/lab/chart/{name}";
    public static final String API_COMPARE = "/api/compare";
    public static final String API_TRAIN = "/api/train";
    public static final String HEALTH = "/health";
    /** The procedures' colours, written from their type (see ProcedureStyles). */
    public static final String PROCEDURE_STYLES = "/procedures.css";
    /** An instructor starts a class here. */
    public static final String CLASS = "/class";
    /** A student types a class's code here. */
    public static final String JOIN = "/join";
    /** A class as its students follow it. */
    public static final String CLASS_PAGE = "/class/{code}";
    public static final String CLASS_EVENTS = "/class/{code}/events";
    public static final String CLASS_PREDICT = "/class/{code}/predict";
    /** A class as its instructor (and the projector) sees it. */
    public static final String CLASS_TEACH = "/class/{code}/teach";
    public static final String CLASS_TEACH_EVENTS = "/class/{code}/teach/events";
    public static final String CLASS_REVEAL = "/class/{code}/reveal";
    public static final String CLASS_NEXT = "/class/{code}/next";
    public static final String CLASS_CSV = "/class/{code}/predictions.csv";

    private Paths() {
    }

    /** The address of a lesson. */
    public static String lesson(String id) {
        return "/lesson/" + id;
    }

    /** One of a class's addresses (a CLASS_… path) for the class of this code. */
    public static String ofClass(String path, String code) {
        return path.replace("{code}", code);
    }

    /** The address of one of the comparison's charts, without its query. */
    public static String chart(ComparisonChart chart) {
        return LAB_CHART.replace("{name}", chart.id());
    }

    /** path?query, or just path for an empty query. */
    public static String withQuery(String path, String query) {
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }
}
