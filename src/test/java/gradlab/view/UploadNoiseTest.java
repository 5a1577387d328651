package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import gradlab.data.DataSet;
import gradlab.data.Generator;
import gradlab.lab.Comparison;
import gradlab.lab.LabJson;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.Uploads;
import gradlab.lab.ValidationException;

/**
 * noise shapes only the built-in data sets. For an upload the server ignores it the same way
 * everywhere (the spec holds the default, so every link and the JSON agree), and the form turns
 * the field off with a note.
 */
class UploadNoiseTest {
    private static final String ID = "u-0123456789ab";
    private static final DataSet DATA = Generator.SINE.generate(20, 0.2, new SplittableRandom(5), false);
    private static final Uploads UPLOADS = id -> DATA;

    private static LabSpec spec(String q) {
        return LabSpec.parse(q, Limits.DEFAULT, UPLOADS);
    }

    @Test
    void anUploadsSpecHoldsTheDefaultNoiseWhateverTheQueryAsks() {
        LabSpec asked = spec("data=" + ID + "&noise=0.9");
        LabSpec none = spec("data=" + ID);
        assertEquals(LabSpec.defaults().noise(), asked.noise());
        assertEquals(none.toQuery(), asked.toQuery(), "one link for one lab");
        Comparison a = Comparison.compute(asked, Limits.DEFAULT, UPLOADS);
        Comparison b = Comparison.compute(none, Limits.DEFAULT, UPLOADS);
        assertEquals(LabJson.compare(b), LabJson.compare(a), "the same JSON, spec included");
        // a value outside the range is refused as for any data: the rules do not depend on the data
        ValidationException e = assertThrows(ValidationException.class, () -> spec("data=" + ID + "&noise=2"));
        assertEquals("noise", e.param());
        // a built-in data set keeps the noise it asks for
        assertEquals(0.9, spec("data=sine&noise=0.9").noise());
    }

    private static Matcher noiseInput(String form) {
        Matcher m = Pattern.compile("<input[^>]*id=\"f-noise\"[^>]*>").matcher(form);
        assertTrue(m.find(), "a noise field");
        return m;
    }

    private static String note(String form) {
        Matcher m = Pattern.compile("<p[^>]*id=\"" + LabForm.NOISE_NOTE + "\"[^>]*>").matcher(form);
        assertTrue(m.find(), "the note is in the form either way, for the script to show");
        return m.group();
    }

    @Test
    void theFormTurnsNoiseOffWithANoteForAnUploadOnly() {
        String upload = LabForm.render(FormValues.of(spec("data=" + ID)), Limits.DEFAULT, null, null).render();
        assertTrue(noiseInput(upload).group().contains("disabled"), noiseInput(upload).group());
        assertFalse(note(upload).contains("hidden"), note(upload));

        for (String builtIn : List.of("data=line", "data=xor&loss=bce")) {
            String form = LabForm.render(FormValues.of(spec(builtIn)), Limits.DEFAULT, null, null).render();
            assertFalse(noiseInput(form).group().contains("disabled"), noiseInput(form).group());
            assertTrue(note(form).contains("hidden"), note(form));
        }
    }
}
