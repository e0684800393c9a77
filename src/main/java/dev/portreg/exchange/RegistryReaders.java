package dev.portreg.exchange;

import dev.portreg.registry.RegistryInfo.SourceFormat;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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
        if (head.startsWith("Service Name,Port Number,")
                || head.startsWith("\"Service Name\",\"Port Number\",")) {
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
            case IANA_CSV -> new IanaCsvReader().read(utf8(content), source);
            case ETC_SERVICES -> new EtcServicesReader().read(utf8(content), source);
        };
    }

    /** A reader that refuses bytes that are not UTF-8 instead of replacing them. */
    static Reader utf8(byte[] content) {
        return new InputStreamReader(
                new ByteArrayInputStream(content),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }
}
