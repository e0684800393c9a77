package dev.portreg.exchange;

import dev.portreg.registry.Entry;
import dev.portreg.registry.Reference;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.StoredEntry;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes the registry in IANA's CSV format: IANA's 12-column header, LF line ends, and IANA's
 * quoting (a field is quoted only when it holds a comma, a quote or a line break). A registry read
 * from IANA's CSV is written back byte for byte.
 *
 * <p>Assignee and Contact are {@code [Person_Id]} tokens; further person references follow the
 * contact (and the assignee too when assignee and contact are the same, as IANA writes them). The
 * other references are written as bracketed tokens run together ("[RFC3501][RFC8314]").
 *
 * <p>A cell that starts with a character a spreadsheet would run as a formula is written as text (a
 * leading {@code '}, quoted), as OWASP recommends; IANA's own file has none.
 */
public final class IanaCsvWriter {

    /**
     * What a cell must not start with, or a spreadsheet opening the file would treat it as a
     * formula: = + - @, tab and carriage return (OWASP, "CSV Injection").
     */
    static final String FORMULA_START = "=+-@\t\r";

    public void write(RegistrySnapshot snapshot, Writer out) throws IOException {
        line(out, IanaFields.CSV_HEADER.toArray(String[]::new));
        for (StoredEntry se : snapshot.entries()) {
            Entry e = se.entry();
            StringBuilder others = new StringBuilder();
            StringBuilder refs = new StringBuilder();
            for (Reference r : e.references()) {
                if ("person".equals(r.type())) {
                    others.append('[').append(r.data()).append(']');
                } else {
                    refs.append('[').append(IanaFields.token(r)).append(']');
                }
            }
            String contact = e.contactId() == null ? "" : "[" + e.contactId() + "]" + others;
            String assignee;
            if (e.assigneeId() == null) {
                assignee = "";
            } else if (e.assigneeId().equals(e.contactId())) {
                assignee = contact;
            } else if (e.contactId() == null) {
                assignee = "[" + e.assigneeId() + "]" + others;
            } else {
                assignee = "[" + e.assigneeId() + "]";
            }
            line(
                    out,
                    e.serviceName(),
                    e.ports() == null ? null : e.ports().toString(),
                    e.transport() == null ? null : e.transport().slug(),
                    e.description(),
                    assignee,
                    contact,
                    e.registered(),
                    e.modified(),
                    refs.toString(),
                    e.serviceCode() == null ? null : e.serviceCode().toString(),
                    e.unauthorized(),
                    e.notes());
        }
        out.flush();
    }

    static void line(Writer out, String... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            String f = fields[i];
            if (f == null || f.isEmpty()) {
                continue;
            }
            if (FORMULA_START.indexOf(f.charAt(0)) >= 0) {
                // A spreadsheet would run it (OWASP CSV injection): a leading quote makes it
                // text, and the quotes keep it one cell.
                out.write('"');
                out.write(("'" + f).replace("\"", "\"\""));
                out.write('"');
                continue;
            }
            if (f.indexOf(',') >= 0
                    || f.indexOf('"') >= 0
                    || f.indexOf('\n') >= 0
                    || f.indexOf('\r') >= 0) {
                out.write('"');
                out.write(f.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(f);
            }
        }
        out.write('\n');
    }
}
