package dev.portreg.exchange;

import dev.portreg.registry.RegistryInfo.SourceFormat;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a registry file in whichever of the three formats it is in, and refuses a file that is none
 * of them (an HTML page saved as {@code .csv}, a JSON document, a compressed file...) by saying
 * what it looks like instead of failing on a parser detail.
 */
public final class RegistryReaders {

    /** How every "this is not a registry" message starts. */
    static final String NOT_A_REGISTRY = "not a registry file: ";

    /** How every "this is not a registry" message ends. */
    static final String WHAT_TO_IMPORT =
            " Import IANA's service-names-port-numbers.xml or .csv, or an /etc/services file.";

    /** The bytes sniffed to tell what a file is. */
    private static final int HEAD = 64 * 1024;

    private static final Pattern TITLE =
            Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** An /etc/services line: a name, then a port/protocol. */
    private static final Pattern SERVICE_LINE = Pattern.compile("\\S+\\s+\\S+/\\S+.*");

    /** Magic numbers of files people upload by mistake, and what to call them. */
    private record Magic(byte[] bytes, String what) {
        Magic(String hex, String what) {
            this(java.util.HexFormat.of().parseHex(hex), what);
        }

        boolean matches(byte[] content) {
            if (content.length < bytes.length) {
                return false;
            }
            for (int i = 0; i < bytes.length; i++) {
                if (content[i] != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Magic> MAGIC =
            List.of(
                    new Magic("1f8b", "gzip-compressed: decompress it (gunzip) first"),
                    new Magic("425a68", "bzip2-compressed: decompress it (bunzip2) first"),
                    new Magic("fd377a585a00", "xz-compressed: decompress it (unxz) first"),
                    new Magic("28b52ffd", "Zstandard-compressed: decompress it (unzstd) first"),
                    new Magic(
                            "504b0304",
                            "a ZIP archive (or an office document): extract the registry file"
                                    + " from it first"),
                    new Magic("504b0506", "an empty ZIP archive"),
                    new Magic("377abcaf271c", "a 7-Zip archive: extract the registry file first"),
                    new Magic("25504446", "a PDF document"),
                    new Magic("89504e47", "a PNG image"),
                    new Magic("ffd8ff", "a JPEG image"),
                    new Magic("47494638", "a GIF image"),
                    new Magic("feff", "UTF-16 text: IANA's files are UTF-8, save it as UTF-8"),
                    new Magic("fffe", "UTF-16 text: IANA's files are UTF-8, save it as UTF-8"));

    private RegistryReaders() {}

    /**
     * The format of a file from its first bytes: XML when it starts with {@code <} (after a BOM and
     * white space), IANA CSV when its first line is a line of comma-separated columns, else
     * /etc/services when its first line that is not a comment is "name port/protocol".
     *
     * @throws ImportException saying what the file looks like when it is none of the three (an
     *     empty file, a compressed or binary file, an HTML page, a JSON document, other text)
     */
    public static SourceFormat detect(byte[] content) {
        What what = notARegistry(content);
        if (what != null) {
            throw notARegistry(what.full(), what.safe());
        }
        String head = head(content).stripLeading();
        if (head.startsWith("<")) {
            return SourceFormat.IANA_XML;
        }
        String first = head.lines().findFirst().orElse("");
        if (first.startsWith("Service Name,Port Number,")
                || first.startsWith("\"Service Name\",\"Port Number\",")
                || (!first.startsWith("#") && first.chars().filter(c -> c == ',').count() >= 3)) {
            // IANA's header, or a line of comma-separated columns (a CSV with another header,
            // which the CSV reader then refuses by name): /etc/services lines hold no commas.
            return SourceFormat.IANA_CSV;
        }
        return SourceFormat.ETC_SERVICES;
    }

    /** The exception for content that is not a registry, {@code what} saying what it is. */
    static ImportException notARegistry(String what) {
        return notARegistry(what, what);
    }

    /**
     * The same, with {@code safe} saying what it is without quoting it (a page's title, a header, a
     * line): what a fetched file's error may say, which never repeats what the server sent.
     */
    static ImportException notARegistry(String what, String safe) {
        return new NotARegistryException(
                NOT_A_REGISTRY + "it is " + what + "." + WHAT_TO_IMPORT,
                NOT_A_REGISTRY + "it is " + safe + "." + WHAT_TO_IMPORT);
    }

    /** Content that is not a registry; {@link #safeMessage} quotes none of it. */
    static final class NotARegistryException extends ImportException {
        private final String safeMessage;

        NotARegistryException(String message, String safeMessage) {
            super(message);
            this.safeMessage = safeMessage;
        }

        String safeMessage() {
            return safeMessage;
        }
    }

    /**
     * What the content is when it is plainly not a registry in any of the three formats, or null
     * when it may be one (its reader then checks the rest).
     */
    /** What content is: {@code full} may quote it, {@code safe} does not. */
    record What(String full, String safe) {
        static What plain(String what) {
            return new What(what, what);
        }
    }

    static What notARegistry(byte[] content) {
        if (content.length == 0) {
            return What.plain("empty");
        }
        for (Magic m : MAGIC) {
            if (m.matches(content)) {
                return What.plain(m.what());
            }
        }
        if (binary(content)) {
            return What.plain("a binary file, not text");
        }
        String head = head(content);
        if (head.isBlank()) {
            return content.length <= HEAD ? What.plain("empty but for white space") : null;
        }
        String text = head.stripLeading();
        if (text.startsWith("<")) {
            return html(text);
        }
        if (text.startsWith("{") || text.startsWith("[")) {
            return What.plain(
                    "a JSON document (the JSON export is for reading, it cannot be imported back)");
        }
        String first = text.lines().findFirst().orElse("").strip();
        String lower = first.toLowerCase(Locale.ROOT).replace("\"", "");
        if (lower.startsWith("service name\t")) {
            return What.plain("tab-separated: IANA's CSV separates its columns with commas");
        }
        if (lower.startsWith("service name;")) {
            return What.plain(
                    "separated by semicolons: IANA's CSV separates its columns with commas");
        }
        if (!first.startsWith("#") && first.chars().filter(c -> c == ',').count() >= 3) {
            return null; // a CSV: its reader checks the header
        }
        return services(head);
    }

    /** Null when the text's first line that is not a comment reads like an /etc/services line. */
    private static What services(String head) {
        int lineNo = 0;
        for (String line : (Iterable<String>) head.lines()::iterator) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (SERVICE_LINE.matcher(s).matches()) {
                return null;
            }
            String what =
                    "text in none of the registry formats (IANA XML, IANA CSV, /etc/services):"
                            + " line "
                            + lineNo;
            return new What(what + " reads \"" + shorten(s, 80) + "\"", what);
        }
        return null; // comments only: the services reader says it lists no services
    }

    /**
     * For markup: what it is when it is an HTML page, or null for other XML (the XML reader then
     * names its root element).
     */
    private static What html(String text) {
        String root = rootElement(text);
        if (root == null || !List.of("html", "head", "body").contains(root)) {
            return null;
        }
        Matcher m = TITLE.matcher(text);
        return new What(
                htmlPage(m.find() ? m.group(1).replaceAll("<[^>]*>", "") : null), htmlPage(null));
    }

    /** What an HTML page is said to be, with its title when it has one. */
    static String htmlPage(String title) {
        String t = title == null ? "" : title.strip().replaceAll("\\s+", " ");
        return "an HTML page"
                + (t.isEmpty() ? "" : " titled \"" + shorten(t, 80) + "\"")
                + ", not the registry file itself: a web page saved under the file's name, or"
                + " an error or sign-in page served instead of the download";
    }

    /**
     * The lower-case name of the first element, after the XML declaration, processing instructions,
     * comments and a DOCTYPE ("html" for {@code <!DOCTYPE html>}); null when there is none in the
     * text given.
     */
    static String rootElement(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n || text.charAt(i) != '<') {
                return null;
            }
            if (text.startsWith("<?", i)) {
                int end = text.indexOf("?>", i);
                if (end < 0) {
                    return null;
                }
                i = end + 2;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i);
                if (end < 0) {
                    return null;
                }
                i = end + 3;
            } else if (text.regionMatches(true, i, "<!doctype", 0, 9)) {
                String rest = text.substring(i + 9, Math.min(n, i + 40)).stripLeading();
                if (rest.toLowerCase(Locale.ROOT).startsWith("html")) {
                    return "html";
                }
                return rest.split("[\\s\\[>]", 2)[0].toLowerCase(Locale.ROOT);
            } else {
                int start = i + 1;
                int end = start;
                while (end < n
                        && !Character.isWhitespace(text.charAt(end))
                        && text.charAt(end) != '>'
                        && text.charAt(end) != '/') {
                    end++;
                }
                String name = text.substring(start, end);
                int colon = name.indexOf(':');
                return (colon >= 0 ? name.substring(colon + 1) : name).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /**
     * True when the first bytes hold a NUL or many control characters: no text file of any of the
     * three formats does.
     */
    private static boolean binary(byte[] content) {
        int n = Math.min(content.length, 8192);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = content[i] & 0xff;
            if (b == 0) {
                return true;
            }
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                control++;
            }
        }
        return control * 20 > n;
    }

    /** The first bytes as text, without a BOM; malformed bytes replaced (only for sniffing). */
    private static String head(byte[] content) {
        String head =
                new String(content, 0, Math.min(content.length, HEAD), StandardCharsets.UTF_8);
        return head.startsWith("\uFEFF") ? head.substring(1) : head;
    }

    private static String shorten(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }

    /**
     * Reads a whole file.
     *
     * @param source where it came from (path or URL), kept in the registry info
     * @throws ImportException when the file is not a valid registry in its format
     */
    public static RegistryDocument read(byte[] content, String source) {
        return switch (detect(content)) {
            case IANA_XML -> new IanaXmlReader().read(new ByteArrayInputStream(content), source);
            case IANA_CSV -> new IanaCsvReader().read(utf8(content, "CSV line "), source);
            case ETC_SERVICES -> new EtcServicesReader().read(utf8(content, "line "), source);
        };
    }

    /**
     * The content as text, refusing bytes that are not UTF-8 (instead of replacing them) with the
     * line they are on.
     */
    static Reader utf8(byte[] content, String linePrefix) {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(content);
        CharBuffer out = CharBuffer.allocate(content.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (content[i] == '\n') {
                    line++;
                }
            }
            throw new ImportException(
                    linePrefix
                            + line
                            + ": is not UTF-8 text (byte 0x"
                            + String.format("%02X", content[at] & 0xff)
                            + " at offset "
                            + at
                            + ")");
        }
        out.flip();
        return new StringReader(out.toString());
    }
}
