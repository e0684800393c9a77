package dev.portreg.common;

/**
 * What free text may hold: no control characters but line breaks. A NUL, an escape or a bidi trick
 * in a name or a description is refused with the field and the position, never stored (the database
 * would refuse a NUL with an error, and a terminal or a spreadsheet would obey the rest).
 */
public final class TextRules {

    private TextRules() {}

    /** Why {@code text} cannot be stored, or null: the first forbidden character and where. */
    public static String controlProblem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.getType(c) == Character.CONTROL;
            boolean bidi = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
            if ((control && c != '\n' && c != '\r') || bidi) {
                return "must not contain control characters (U+"
                        + String.format("%04X", (int) c)
                        + " at character "
                        + (i + 1)
                        + "); only line breaks are allowed";
            }
        }
        return null;
    }

    /** Why {@code text} is too long for a limit of {@code max} characters, or null. */
    public static String lengthProblem(String text, int max) {
        if (text == null) {
            return null;
        }
        int n = text.codePointCount(0, text.length());
        return n > max ? "is too long: " + n + " characters, at most " + max : null;
    }
}
