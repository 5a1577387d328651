package gradlab.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.lang.reflect.Field;
import java.util.List;

import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import com.thaiopensource.util.PropertyMap;

import nu.validator.checker.Checker;
import nu.validator.checker.jing.CheckerSchema;
import nu.validator.validation.SimpleDocumentValidator;

/**
 * The Nu HTML checker (the W3C's validator) as a library: a document's errors, each with
 * its line and column. Warnings are kept apart; they are advice, not faults. A fragment
 * that htmx swaps in is checked inside a minimal document of its own.
 */
final class HtmlChecker {
    /** HTML 5 with the ARIA, SVG and MathML the pages use. */
    private static final String SCHEMA = "http://s.validator.nu/html5-all.rnc";

    /** What the checker said about one document. */
    record Report(List<String> errors, List<String> warnings) {
        /** The errors, one a line, under the name of what was checked. */
        String describe(String what) {
            return what + ": " + errors.size() + " error(s)\n  " + String.join("\n  ", errors);
        }
    }

    private HtmlChecker() {
    }

    /** Checks a whole document (from its doctype). */
    static Report check(String html) throws IOException, SAXException {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        ErrorHandler handler = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                warnings.add(line(e));
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(line(e));
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(line(e));
            }
        };
        // a fresh validator per document: it keeps state between checks
        SimpleDocumentValidator validator = new SimpleDocumentValidator(true, false, false);
        try {
            validator.setUpMainSchema(SCHEMA, handler);
            withoutLanguageDetection(validator);
        } catch (Exception e) {
            throw new IllegalStateException("the checker's schema " + SCHEMA + " did not load", e);
        }
        validator.setUpValidatorAndParsers(handler, true, false);
        validator.checkHtmlInputSource(new InputSource(new ByteArrayInputStream(html.getBytes(UTF_8))));
        return new Report(List.copyOf(errors), List.copyOf(warnings));
    }

    /** Checks a fragment as the body of a minimal valid document. */
    static Report checkFragment(String fragment) throws IOException, SAXException {
        return checkFragmentIn("", fragment);
    }

    /**
     * A fragment of the lab, in the page it lands in: after the lab's form, which fields of the
     * fragment may name in their form attribute (the cloud's plane).
     */
    static Report checkLabFragment(String fragment) throws IOException, SAXException {
        return checkFragmentIn("<form id=\"" + gradlab.view.LabForm.ID + "\"></form>", fragment);
    }

    private static Report checkFragmentIn(String context, String fragment) throws IOException, SAXException {
        return check("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>fragment</title></head><body>"
                + context + fragment + "</body></html>");
    }

    /**
     * The checker always adds its language detector, whose word lists are read with the JSON
     * parser of its own server (Jetty 9, left out of the tests: Javalin runs on Jetty 12). The
     * detector only warns when the text's language differs from {@code lang}; a checker that
     * checks nothing takes its place.
     */
    private static void withoutLanguageDetection(SimpleDocumentValidator validator) throws ReflectiveOperationException {
        Field detector = SimpleDocumentValidator.class.getDeclaredField("langdetectSchema");
        detector.setAccessible(true);
        detector.set(validator, new CheckerSchema(PropertyMap.EMPTY, NoChecks.class));
    }

    /** A checker without checks. */
    public static final class NoChecks extends Checker {
    }

    /** Checks table rows as the body of a table in a minimal valid document. */
    static Report checkRows(String rows) throws IOException, SAXException {
        return checkFragment("<table><tbody>" + rows + "</tbody></table>");
    }

    private static String line(SAXParseException e) {
        return e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage();
    }
}
