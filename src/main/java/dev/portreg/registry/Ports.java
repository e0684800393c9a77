package dev.portreg.registry;

/** A port or an inclusive run of ports, as IANA writes them: "938" or "916-952". */
public record Ports(int from, int to) implements Comparable<Ports> {

    public Ports {
        if (!PortRange.isPort(from) || !PortRange.isPort(to)) {
            throw new IllegalArgumentException(
                    "port " + (PortRange.isPort(from) ? to : from) + " is outside 0-65535");
        }
        if (from > to) {
            throw new IllegalArgumentException("range " + from + "-" + to + " runs backwards");
        }
    }

    public static Ports of(int port) {
        return new Ports(port, port);
    }

    /**
     * Parses IANA's notation.
     *
     * @throws IllegalArgumentException with a reason a person can act on
     */
    public static Ports parse(String text) {
        String t = text.trim();
        int dash = t.indexOf('-');
        try {
            if (dash < 0) {
                return of(Integer.parseInt(t));
            }
            return new Ports(
                    Integer.parseInt(t.substring(0, dash).trim()),
                    Integer.parseInt(t.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is not a port number or a range such as 6000-6063");
        }
    }

    public boolean contains(int port) {
        return port >= from && port <= to;
    }

    public boolean overlaps(Ports other) {
        return from <= other.to && other.from <= to;
    }

    public int size() {
        return to - from + 1;
    }

    public boolean single() {
        return from == to;
    }

    @Override
    public int compareTo(Ports o) {
        return from != o.from ? Integer.compare(from, o.from) : Integer.compare(to, o.to);
    }

    @Override
    public String toString() {
        return single() ? Integer.toString(from) : from + "-" + to;
    }
}
