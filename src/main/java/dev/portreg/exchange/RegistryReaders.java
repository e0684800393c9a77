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

/** Reads a registry file in whichever of the three formats it is in. */
public final class RegistryReaders {

    private RegistryReaders() {}

    /**
     * The format of a file from its first bytes: XML when it starts with {@code <} (after a BOM and
     * white space), IANA CSV when its first line is IANA's header, else /etc/services.
     */
    public static SourceFormat detect(byte[] content) {
        String head =
                new String(content, 0, Math.min(content.length, 4096), StandardCharsets.UTF_8);
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        head = head.stripLeading();
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
