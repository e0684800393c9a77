package dev.portreg.exchange;

import dev.portreg.common.ProblemException;
import dev.portreg.exchange.RegistryImporter.Options;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Several IANA versions imported in date order, each as one change set dated by its registry date:
 * the registry's history from IANA's own published files. Every file is read and dated before any
 * is imported, so a bad file (or one older than the last upstream, without force) imports nothing.
 */
@ApplicationScoped
public class SeriesImport {

    /** At most this many files in one series. */
    static final int MAX_FILES = 200;

    /** At most this many bytes unpacked in one series (the zip itself is limited by HTTP). */
    static final long MAX_UNPACKED = 512L * 1024 * 1024;

    private static final Pattern DATE_IN_NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

    /** One file of a series: its name, date and what importing it did. */
    public record FileResult(String name, LocalDate registryDate, ImportResult result) {}

    /** What a series import did, file by file in the order imported. */
    public record Report(int files, long millis, List<FileResult> imported) {}

    /** A file read and dated, before it is imported. */
    record Version(String name, LocalDate date, RegistryDocument document) {}

    private final RegistryImporter importer;

    SeriesImport(RegistryImporter importer) {
        this.importer = importer;
    }

    /**
     * Imports the registry files of a zip in date order.
     *
     * @throws ProblemException 400 naming a file that is not a registry, 409 when one is older than
     *     the last upstream file and {@code force} is false
     */
    public Report importZip(byte[] zip, String actor, boolean force) {
        return importVersions(unzip(zip), actor, force);
    }

    Report importVersions(List<Version> versions, String actor, boolean force) {
        if (versions.isEmpty()) {
            throw ProblemException.badInput("file", "the zip holds no registry file");
        }
        List<Version> ordered = new ArrayList<>(versions);
        ordered.sort(Comparator.comparing(Version::date).thenComparing(Version::name));
        if (!force) {
            // Refuse before anything is written: the oldest must not be older than the registry's.
            Version first = ordered.get(0);
            RegistryImporter.Preview p =
                    importer.reconcile(
                            first.document(),
                            first.name(),
                            new Options(first.date(), false, Set.of(), null));
            if (p.older() != null) {
                throw ProblemException.conflict(
                        first.name()
                                + " is IANA's registry of "
                                + first.date()
                                + ", older than the last upstream version imported ("
                                + p.older().sourceName()
                                + ", of "
                                + p.older().registryDate()
                                + "): nothing was imported. Import the series anyway with force.");
            }
        }
        long start = System.nanoTime();
        List<FileResult> out = new ArrayList<>();
        for (Version v : ordered) {
            ImportResult r =
                    importer.importDocument(
                            v.document(),
                            v.name(),
                            actor,
                            new Options(v.date(), force, Set.of(), null));
            out.add(new FileResult(v.name(), v.date(), r));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Log.infof("series of %d IANA versions imported by %s in %d ms", out.size(), actor, millis);
        return new Report(out.size(), millis, out);
    }

    /**
     * Imports the registry files of a directory and its subdirectories in date order (a seed source
     * may be such a directory: IANA's history beside the project).
     */
    public Report importDirectory(java.nio.file.Path dir, String actor) {
        List<Version> out = new ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir, 3)) {
            for (java.nio.file.Path f :
                    files.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                if (skipped(name)) {
                    continue;
                }
                out.add(version(name, java.nio.file.Files.readAllBytes(f)));
            }
        } catch (IOException e) {
            throw new ImportException("cannot read directory " + dir + ": " + e.getMessage(), e);
        }
        undated(out);
        return importVersions(out, actor, false);
    }

    private static boolean skipped(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return name.isEmpty()
                || name.startsWith(".")
                || lower.endsWith(".md")
                || lower.endsWith(".txt");
    }

    private static Version version(String name, byte[] content) {
        RegistryDocument doc;
        try {
            doc = RegistryReaders.read(content, name);
        } catch (ImportException ex) {
            throw ProblemException.badInput("file", name + ": " + ex.getMessage());
        }
        return new Version(name, RegistryImporter.registryDate(doc, dateIn(name)), doc);
    }

    private static void undated(List<Version> versions) {
        for (Version v : versions) {
            if (v.date() == null) {
                throw ProblemException.badInput(
                        "file",
                        v.name()
                                + " has no registry date: put it in the file's name"
                                + " (service-names-2018-07-18.csv)");
            }
        }
    }

    /** The registry files of a zip, read and dated; folders and text notes (.md, .txt) skipped. */
    static List<Version> unzip(byte[] zip) {
        if (zip == null || zip.length == 0) {
            throw ProblemException.badInput("file", "is empty: send a zip of registry files");
        }
        List<Version> out = new ArrayList<>();
        long unpacked = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                String lower = name.toLowerCase(Locale.ROOT);
                if (e.isDirectory()
                        || name.isEmpty()
                        || name.startsWith(".")
                        || lower.endsWith(".md")
                        || lower.endsWith(".txt")) {
                    continue;
                }
                if (out.size() >= MAX_FILES) {
                    throw ProblemException.badInput(
                            "file", "holds more than " + MAX_FILES + " files");
                }
                byte[] content =
                        in.readNBytes(
                                (int) Math.min(Integer.MAX_VALUE - 8, MAX_UNPACKED - unpacked + 1));
                unpacked += content.length;
                if (unpacked > MAX_UNPACKED) {
                    throw ProblemException.badInput(
                            "file", "unpacks to more than " + (MAX_UNPACKED >> 20) + " MB");
                }
                out.add(version(name, content));
            }
        } catch (IOException ex) {
            throw ProblemException.badInput("file", "is not a readable zip: " + ex.getMessage());
        }
        undated(out);
        return out;
    }

    /** A YYYY-MM-DD in a file's name, or null. */
    static LocalDate dateIn(String name) {
        Matcher m = DATE_IN_NAME.matcher(name);
        if (!m.find()) {
            return null;
        }
        try {
            return LocalDate.parse(m.group(1));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
