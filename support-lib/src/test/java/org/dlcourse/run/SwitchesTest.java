package org.dlcourse.run;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The switches Course.start() checks before DJL loads an engine: the same rule and sentence as switches.sh. */
class SwitchesTest {

    private static Map<String, String> values(String engine, String profile, String device) {
        Map<String, String> values = new HashMap<>();
        values.put("DJL_DEFAULT_ENGINE", engine);
        values.put("COURSE_PROFILE", profile);
        values.put("COURSE_DEVICE", device);
        return values;
    }

    @Test
    void unsetOrBlankSwitchesAndEveryChoiceInAnyCaseAreFine() {
        assertNull(Switches.firstWrong(values(null, null, null)));
        assertNull(Switches.firstWrong(values(" ", "", null)));
        assertNull(Switches.firstWrong(values("pytorch", "FAST", " Gpu ")));
        assertNull(Switches.firstWrong(values("MXNET", "full", "cpu")));
    }

    @Test
    void aWrongEngineGetsSwitchesShSentenceAndTheRestart() {
        assertEquals("DJL_DEFAULT_ENGINE=TensorFlow is not a choice: set it to MXNet (the default) or PyTorch,"
                + " or unset it; then restart the kernel.", Switches.firstWrong(values("TensorFlow", null, null)));
        assertEquals(Switches.sentence("DJL_DEFAULT_ENGINE", "MXNett"), Switches.firstWrong(values("MXNett", null, null)));
    }

    @Test
    void aWrongProfileOrDeviceIsNamedWithItsChoices() {
        assertEquals("COURSE_PROFILE=quick is not a choice: set it to full (the course run, the default) or fast"
                + " (hosted sessions and tests), or unset it; then restart the kernel.",
                Switches.firstWrong(values("MXNet", "quick", "tpu")));
        assertEquals("COURSE_DEVICE=tpu is not a choice: set it to auto (the default: a GPU if there is one), cpu"
                + " or gpu, or unset it; then restart the kernel.", Switches.firstWrong(values(null, null, "tpu")));
    }

    @Test
    void aWrongLanguageIsNamedTooInsteadOfFallingBackSilently() {
        Map<String, String> values = values(null, null, null);
        values.put("COURSE_LANG", "de");
        assertEquals("COURSE_LANG=de is not a choice: set it to fr or en (unset: the edition's language, French in"
                + " notebooks/fr), or unset it; then restart the kernel.", Switches.firstWrong(values));
        values.put("COURSE_LANG", " FR ");
        assertNull(Switches.firstWrong(values));
    }

    @Test
    void aSwitchErrorCarriesNoStackFramesSoTheNotebookShowsTheSentenceAlone() {
        assertEquals(0, new SwitchError("x").getStackTrace().length);
    }
}
