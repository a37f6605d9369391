package ua.qrshare.copy;

import java.util.Map;

/**
 * Ukrainian to Latin letters by the official table (Постанова КМУ № 55 від 27.01.2010), the one passports use:
 * Є, Ї, Й, Ю, Я have a "Y" form at the start of a word and an "i" form inside it, "зг" is "zgh", and the soft sign and
 * apostrophe are dropped.
 */
public final class Transliteration {

    private static final Map<Character, String> LETTERS = Map.ofEntries(
            Map.entry('а', "a"),
            Map.entry('б', "b"),
            Map.entry('в', "v"),
            Map.entry('г', "h"),
            Map.entry('ґ', "g"),
            Map.entry('д', "d"),
            Map.entry('е', "e"),
            Map.entry('ж', "zh"),
            Map.entry('з', "z"),
            Map.entry('и', "y"),
            Map.entry('і', "i"),
            Map.entry('к', "k"),
            Map.entry('л', "l"),
            Map.entry('м', "m"),
            Map.entry('н', "n"),
            Map.entry('о', "o"),
            Map.entry('п', "p"),
            Map.entry('р', "r"),
            Map.entry('с', "s"),
            Map.entry('т', "t"),
            Map.entry('у', "u"),
            Map.entry('ф', "f"),
            Map.entry('х', "kh"),
            Map.entry('ц', "ts"),
            Map.entry('ч', "ch"),
            Map.entry('ш', "sh"),
            Map.entry('щ', "shch"),
            Map.entry('ь', ""),
            Map.entry('’', ""),
            Map.entry('\'', ""),
            Map.entry('ʼ', ""));
    private static final Map<Character, String[]> POSITIONAL = Map.of(
            'є',
            new String[] {"ye", "ie"},
            'ї',
            new String[] {"yi", "i"},
            'й',
            new String[] {"y", "i"},
            'ю',
            new String[] {"yu", "iu"},
            'я',
            new String[] {"ya", "ia"});

    private Transliteration() {}

    /** Keeps the case of each word's letters as written ("Шевченко" → "Shevchenko"). */
    public static String latin(String ukrainian) {
        StringBuilder out = new StringBuilder(ukrainian.length() + 4);
        for (int i = 0; i < ukrainian.length(); i++) {
            char c = ukrainian.charAt(i);
            char lower = Character.toLowerCase(c);
            String latin = letter(lower, i == 0 ? ' ' : Character.toLowerCase(ukrainian.charAt(i - 1)));
            out.append(
                    c != lower && !latin.isEmpty()
                            ? Character.toUpperCase(latin.charAt(0)) + latin.substring(1)
                            : latin);
        }
        return out.toString();
    }

    private static String letter(char c, char previous) {
        String[] positional = POSITIONAL.get(c);
        if (positional != null) {
            boolean wordStart = !Character.isLetter(previous) && !isApostrophe(previous);
            return positional[wordStart ? 0 : 1];
        }
        if (c == 'г' && previous == 'з') {
            return "gh";
        }
        return LETTERS.getOrDefault(c, String.valueOf(c));
    }

    private static boolean isApostrophe(char c) {
        return c == '’' || c == '\'' || c == 'ʼ';
    }
}
