package dev.portreg.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * IANA's real registry files beside the project ({@code ../shared/data/iana/} and its {@code
 * history/}, or {@code -Dportreg.iana.dir}), what their SOURCE.md says of each, and an independent
 * reading of them to check an import against.
 *
 * <p>The reading shares no code with the application: XML through DOM (the app streams with StAX),
 * CSV through the small RFC 4180 parser below (the app uses commons-csv), and the statuses through
 * its own copy of domain.md §9's rules. Tests that need the files call {@link #assumePresent()}:
 * skipped with a message when they are absent, failed when {@code PORTREG_REQUIRE_IANA=true}.
 */
public final class IanaFiles {

    private IanaFiles() {}

    public enum Format {
        XML,
        CSV
    }

    /**
     * One of IANA's files.
     *
     * @param path relative to {@link #dir()}
     * @param date the registry's date: its {@code <updated>} for XML; for a CSV, which has none,
     *     the date SOURCE.md gives (when its mirror took it, or about when its newest entry is)
     * @param records its {@code <record>} elements or CSV data rows
     * @param people its {@code <person>} entries; null for a CSV, which lists none
     */
    public record IanaFile(
            String path, LocalDate date, Format format, int records, Integer people) {

        public Path file() {
            return dir().resolve(path);
        }

        public byte[] bytes() {
            try {
                return Files.readAllBytes(file());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** True for the files before 2025-01-23, which hold the 36-character legacy names. */
        public boolean beforeNetAssistant() {
            return date.isBefore(NET_ASSISTANT);
        }

        @Override
        public String toString() {
            return path + " (" + date + ")";
        }
    }

    /** The day "Apple Remote Desktop (Net Assistant)" on 3283 became "net-assistant". */
    public static final LocalDate NET_ASSISTANT = LocalDate.of(2025, 1, 23);

    /** The legacy name on 3283 tcp/udp until then: 36 characters, with spaces. */
    public static final String APPLE_REMOTE_DESKTOP = "Apple Remote Desktop (Net Assistant)";

    /** Every real file, oldest first (SOURCE.md of the directory and of history/). */
    public static final List<IanaFile> ALL =
            List.of(
                    xml("history/iana-2015-01-09.xml", "2015-01-09", 13_610, 4_981),
                    xml("history/iana-2017-03-10.xml", "2017-03-10", 13_955, 5_250),
                    csv("history/iana-2018-07-18.csv", "2018-07-18", 14_087),
                    xml("history/iana-2019-12-31.xml", "2019-12-31", 14_178, 5_423),
                    xml("history/iana-2022-12-26.xml", "2022-12-26", 14_393, 5_517),
                    xml("history/iana-2024-03-05.xml", "2024-03-05", 14_444, 5_554),
                    xml("history/iana-2024-03-18.xml", "2024-03-18", 14_444, 5_554),
                    csv("history/iana-2024-05-22.csv", "2024-05-22", 14_447),
                    xml("history/iana-2025-12-15.xml", "2025-12-15", 14_496, 5_588),
                    // No date inside; its newest Registration Date is 2026-02-25.
                    csv("service-names-port-numbers.csv", "2026-02-25", 14_500),
                    csv("history/iana-2026-04-26.csv", "2026-04-26", 14_512),
                    xml("service-names-port-numbers.xml", "2026-08-17", 14_533, 5_615));

    /** The newest XML: the one the app bundles. */
    public static IanaFile newestXml() {
        return ALL.get(ALL.size() - 1);
    }

    private static IanaFile xml(String path, String date, int records, int people) {
        return new IanaFile(path, LocalDate.parse(date), Format.XML, records, people);
    }

    private static IanaFile csv(String path, String date, int records) {
        return new IanaFile(path, LocalDate.parse(date), Format.CSV, records, null);
    }

    /** The directory of IANA's files (system property portreg.iana.dir). */
    public static Path dir() {
        return Path.of(System.getProperty("portreg.iana.dir", "../shared/data/iana"));
    }

    public static boolean present() {
        return ALL.stream().allMatch(f -> Files.isReadable(f.file()));
    }

    /**
     * Skips the calling test when the files are missing, unless PORTREG_REQUIRE_IANA=true, in which
     * case it fails.
     */
    public static void assumePresent() {
        boolean present = present();
        if (!present && "true".equalsIgnoreCase(System.getenv("PORTREG_REQUIRE_IANA"))) {
            throw new AssertionError(
                    "PORTREG_REQUIRE_IANA=true but IANA's files are not all in "
                            + dir().toAbsolutePath()
                            + ": "
                            + ALL.stream()
                                    .filter(f -> !Files.isReadable(f.file()))
                                    .map(IanaFile::path)
                                    .toList());
        }
        Assumptions.assumeTrue(
                present,
                "IANA's files not found in "
                        + dir().toAbsolutePath()
                        + " (set -Dportreg.iana.dir): skipping the test of IANA's history");
    }

    // --- the independent reading -----------------------------------------------------------------

    /**
     * One record as the file writes it, fields stripped ("" when absent). {@code unauthorized} and
     * {@code notes} are the raw text for a CSV, "" for XML (its markup is the app's to flatten).
     */
    public record Row(
            String name,
            String number,
            String protocol,
            String description,
            String unauthorized,
            String notes) {}

    /** Every record of a file, in file order. */
    public static List<Row> rows(IanaFile f) {
        return f.format() == Format.XML ? xmlRows(f.file()) : csvRows(f.file());
    }

    /** The CSV header of a CSV file, as written. */
    public static List<String> csvHeader(IanaFile f) {
        return csv(read(f.file())).get(0);
    }

    private static List<Row> xmlRows(Path file) {
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = dbf.newDocumentBuilder().parse(file.toFile());
            List<Row> out = new ArrayList<>(16_000);
            // IANA's records are the children of <registry>.
            for (Node n = doc.getDocumentElement().getFirstChild();
                    n != null;
                    n = n.getNextSibling()) {
                if (!(n instanceof Element r) || !"record".equals(r.getLocalName())) {
                    continue;
                }
                out.add(
                        new Row(
                                child(r, "name"),
                                child(r, "number"),
                                child(r, "protocol"),
                                child(r, "description"),
                                "",
                                ""));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file + ": " + e, e);
        }
    }

    private static String child(Element record, String name) {
        for (Node n = record.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e.getTextContent().strip();
            }
        }
        return "";
    }

    private static List<Row> csvRows(Path file) {
        List<List<String>> records = csv(read(file));
        List<Row> out = new ArrayList<>(records.size());
        for (List<String> r : records.subList(1, records.size())) {
            if (r.size() != 12) {
                throw new IllegalStateException(file + ": a row of " + r.size() + " fields: " + r);
            }
            out.add(
                    new Row(
                            r.get(0).strip(),
                            r.get(1).strip(),
                            r.get(2).strip(),
                            r.get(3).strip(),
                            r.get(10).strip(),
                            r.get(11).strip()));
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * RFC 4180: records end with CRLF or LF outside quotes; a quoted field may hold commas, line
     * breaks (kept as they are) and doubled quotes. Empty lines between records are skipped.
     */
    static List<List<String>> csv(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    record.add(field.toString());
                    out.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalStateException("the CSV ends inside a quoted field");
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            out.add(record);
        }
        return out;
    }

    /** A (port, transport) status, with domain.md §9's precedence: the lowest ordinal wins. */
    public enum Status {
        ASSIGNED,
        OTHER,
        RESERVED,
        UNASSIGNED,
        UNLISTED
    }

    /** The transports, in the order of {@link #statuses}. */
    public static final List<String> TRANSPORTS = List.of("tcp", "udp", "sctp", "dccp");

    /**
     * The status of every (port, transport) of a file, computed from its rows by domain.md §9: a
     * row with a service name is Assigned; without one its description decides (Unassigned;
     * Reserved, De-registered, Removed, Deprecated, Decommissioned and its misspellings mean
     * Reserved; "any private ..." is Assigned; anything else Other); ranges are expanded; an empty
     * protocol covers all four transports; the strongest status of the rows covering a pair wins; a
     * pair no row covers is Unlisted.
     *
     * @return {@code [transport][port]}, transports in {@link #TRANSPORTS} order
     */
    public static Status[][] statuses(List<Row> rows) {
        Status[][] out = new Status[TRANSPORTS.size()][65536];
        for (Status[] t : out) {
            Arrays.fill(t, Status.UNLISTED);
        }
        for (Row r : rows) {
            if (r.number().isEmpty()) {
                continue;
            }
            String[] bounds = r.number().split("-");
            int from = Integer.parseInt(bounds[0].strip());
            int to = bounds.length > 1 ? Integer.parseInt(bounds[1].strip()) : from;
            Status s = classify(r);
            for (int t = 0; t < TRANSPORTS.size(); t++) {
                if (!r.protocol().isEmpty() && !r.protocol().equalsIgnoreCase(TRANSPORTS.get(t))) {
                    continue;
                }
                for (int p = from; p <= to; p++) {
                    if (s.ordinal() < out[t][p].ordinal()) {
                        out[t][p] = s;
                    }
                }
            }
        }
        return out;
    }

    static Status classify(Row r) {
        if (!r.name().isEmpty()) {
            return Status.ASSIGNED;
        }
        String d = r.description().toLowerCase(Locale.ROOT);
        if (d.startsWith("unassigned")) {
            return Status.UNASSIGNED;
        }
        for (String word :
                List.of(
                        "reserved",
                        "de-registered",
                        "removed",
                        "deprecated",
                        "decommissioned",
                        "decomissioned",
                        "de-commissioned")) {
            if (d.startsWith(word)) {
                return Status.RESERVED;
            }
        }
        return d.startsWith("any private") ? Status.ASSIGNED : Status.OTHER;
    }
}
