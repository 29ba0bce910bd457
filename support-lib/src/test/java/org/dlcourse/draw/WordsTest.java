package org.dlcourse.draw;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Collections;
import java.util.ResourceBundle;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The library speaks the notebook's language: COURSE_LANG first, else the edition's folder; both bundles agree. */
class WordsTest {

    @Test
    void courseLangWinsInAnyCaseElseTheEditionFolderDecides() {
        assertEquals("fr", Words.language(" FR ", Path.of("/home/student/notebooks/en")));
        assertEquals("en", Words.language("en", Path.of("/home/student/notebooks/fr")));
        assertEquals("fr", Words.language(null, Path.of("/home/student/notebooks/fr")));
        assertEquals("en", Words.language("", Path.of("/home/student/notebooks/en")));
        assertEquals("en", Words.language(null, Path.of("/home/student/source")));
        assertEquals("en", Words.language(null, Path.of("/home/student/notebooks/fr-old")));
    }

    @Test
    void everyKeyExistsInBothLanguages() {
        ResourceBundle en = Words.bundle("en"), fr = Words.bundle("fr");
        assertEquals(new TreeSet<>(Collections.list(en.getKeys())), new TreeSet<>(Collections.list(fr.getKeys())));
        assertEquals("fr", fr.getLocale().getLanguage());
        assertEquals("Échec de la vérification : cars b : 1 est sous le seuil 2",
                String.format(fr.getString("check.failed"), "cars b", String.format(fr.getString("check.below"), 1, 2)));
    }
}
