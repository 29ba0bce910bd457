package org.dlcourse.draw;

import java.nio.file.Path;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words the library itself prints and draws (check lines, chart titles and axes, table headers, the
 * banner), in the notebook's language: {@code words.properties} (English) and {@code words_fr.properties}
 * (French) beside this class. The language is {@code COURSE_LANG} (fr or en, any case) if set, else the
 * edition's: the kernel starts in the notebook's folder, so a folder named {@code fr} means French.
 * {@code Course.start()} decides it once per kernel; until then the same rule applies.
 */
public final class Words {

    private static final String BUNDLE = "org.dlcourse.draw.words";
    private static volatile ResourceBundle words;

    private Words() {}

    /** Decides the language from COURSE_LANG and the working folder; returns "fr" or "en". */
    public static String decide() {
        String language = language(System.getenv("COURSE_LANG"), Path.of("").toAbsolutePath());
        words = bundle(language);
        return language;
    }

    /** "fr" or "en": the switch if it names one, else "fr" in a folder named fr, else "en". */
    static String language(String courseLang, Path folder) {
        String wanted = courseLang == null ? "" : courseLang.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals("fr") || wanted.equals("en")) return wanted;
        Path name = folder == null ? null : folder.getFileName();
        return name != null && name.toString().equals("fr") ? "fr" : "en";
    }

    static ResourceBundle bundle(String language) {
        // No fallback to the JVM's own locale: English is the base bundle, French its one variant.
        return ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The current language's text for key, with String.format's %s, %d ... filled by values. */
    public static String of(String key, Object... values) {
        if (words == null) decide();
        String text;
        try {
            text = words.getString(key);
        } catch (MissingResourceException e) {
            text = key;   // a missing word shows its key rather than failing a notebook
        }
        return values.length == 0 ? text : String.format(Locale.ROOT, text, values);
    }

    /** The language now in use, "fr" or "en". */
    public static String language() {
        if (words == null) decide();
        return words.getLocale().getLanguage().equals("fr") ? "fr" : "en";
    }
}
