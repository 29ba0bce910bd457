package org.dlcourse;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.dlcourse.run.SwitchError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CourseTest {

    @Test
    void bannerNamesEngineVersionDeviceThreadsAndSeed() {
        Course course = Course.start();
        String banner = course.banner();
        Engine engine = Engine.getInstance();
        assertTrue(banner.contains(engine.getEngineName() + " " + engine.getVersion()), banner);
        assertTrue(banner.contains("device CPU"), banner);
        assertTrue(banner.contains("threads"), banner);
        assertTrue(banner.contains("seed " + Course.SEED), banner);
    }

    @Test
    void startFixesTheSeedSoRandomDrawsRepeat() {
        Course course = Course.start();
        float[] first = course.manager().randomUniform(0, 1, new ai.djl.ndarray.types.Shape(5)).toFloatArray();
        Course.start();
        float[] second = course.manager().randomUniform(0, 1, new ai.djl.ndarray.types.Shape(5)).toFloatArray();
        assertEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(second));
    }

    @Test
    void autoAndCpuChooseTheCpuOnAMachineWithoutGpu() {
        Engine engine = Engine.getInstance();
        org.junit.jupiter.api.Assumptions.assumeTrue(engine.getGpuCount() == 0, "this machine has a GPU");
        assertEquals(Device.cpu(), Course.chooseDevice(engine, null));
        assertEquals(Device.cpu(), Course.chooseDevice(engine, "cpu"));
    }

    @Test
    void askingForAGpuWithoutOneFailsLoudlyInsteadOfFallingBackToTheCpu() {
        Engine engine = Engine.getInstance();
        org.junit.jupiter.api.Assumptions.assumeTrue(engine.getGpuCount() == 0, "this machine has a GPU");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Course.chooseDevice(engine, "gpu"));
        assertTrue(e.getMessage().contains("NO USABLE GPU"), e.getMessage());
        assertTrue(e.getMessage().contains("COURSE_DEVICE=cpu"), e.getMessage());
    }

    @Test
    void anUnknownDeviceChoiceIsRejected() {
        SwitchError e = assertThrows(SwitchError.class, () -> Course.chooseDevice(Engine.getInstance(), "tpu"));
        assertTrue(e.getMessage().startsWith("COURSE_DEVICE=tpu is not a choice"), e.getMessage());
    }
}
