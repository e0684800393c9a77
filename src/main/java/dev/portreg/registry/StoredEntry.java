package dev.portreg.registry;

/**
 * An entry as stored: its database id, its stable key across imports, and its place in the file.
 *
 * @param key lower-case name, ports and transport, plus "#n" for the n-th repeat of the same triple
 *     ("http/80/tcp", "/916-952/", "rdp//#2")
 */
public record StoredEntry(long id, String key, int position, Entry entry) {}
