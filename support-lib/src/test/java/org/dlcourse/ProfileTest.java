package org.dlcourse;

import org.dlcourse.run.SwitchError;
import org.dlcourse.run.Switches;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProfileTest {

    @Test
    void fullIsTheDefaultSoAStudentGetsTheRealCourseRun() {
        assertEquals(Profile.FULL, Profile.parse(null));
        assertEquals(Profile.FULL, Profile.parse(" "));
    }

    @Test
    void namesAreReadWhateverTheirCase() {
        assertEquals(Profile.FAST, Profile.parse("Fast"));
        assertEquals(Profile.FULL, Profile.parse("FULL"));
    }

    @Test
    void anUnknownProfileSaysWhichOnesExist() {
        SwitchError e = assertThrows(SwitchError.class, () -> Profile.parse("quick"));
        assertEquals(Switches.sentence("COURSE_PROFILE", "quick"), e.getMessage());
    }

    @Test
    void pickReturnsTheValueOfTheProfile() {
        assertEquals(10, Profile.FULL.pick(10, 2));
        assertEquals(2, Profile.FAST.pick(10, 2));
        assertEquals("fast", Profile.FAST.pick("full", "fast"));
    }
}
