package dev.portreg.registry;

/** Where the time of a write went, for the debug log. */
final class WriteTimings {
    private final StringBuilder text = new StringBuilder();
    private long last = System.nanoTime();

    void lap(String what) {
        long now = System.nanoTime();
        text.append(text.isEmpty() ? "" : ", ")
                .append(what)
                .append(' ')
                .append((now - last) / 1_000_000)
                .append(" ms");
        last = now;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
