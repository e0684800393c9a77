#!/usr/bin/env python3
"""A synthetic IANA registry N times the size of a real one (bench/README.md, "262k").

    bench/synthetic.py IN.xml OUT.xml [FACTOR]      # FACTOR 18 by default

Keeps every record of IANA's XML as it is and adds, for every record that has a service
name, copies with the name suffixed "-s1", "-s2", ... on the same ports and transport,
until the file holds FACTOR times the records of the input. The copies share their
original's ports (an upstream file may name several services on one port: they become one
holding), so the free runs, the gaps and the status of every port stay those of the real
registry and lookups at both sizes answer the same question. People, the header and the
notes are kept; the output is a valid IANA XML file the app imports like any other.
"""
import sys
import xml.etree.ElementTree as ET

NS = "http://www.iana.org/assignments"
ET.register_namespace("", NS)


def main(src, dst, factor):
    tree = ET.parse(src)
    root = tree.getroot()
    records = root.findall("{%s}record" % NS)
    named = [r for r in records if r.find("{%s}name" % NS) is not None
             and (r.find("{%s}name" % NS).text or "").strip()]
    wanted = factor * len(records) - len(records)
    copies = []
    k = 0
    while len(copies) < wanted:
        k += 1
        for r in named:
            if len(copies) >= wanted:
                break
            c = ET.fromstring(ET.tostring(r))
            name = c.find("{%s}name" % NS)
            name.text = "%s-s%d" % (name.text.strip(), k)
            copies.append(c)
    # records come before <people> in IANA's files: insert after the last record
    last = list(root).index(records[-1])
    for i, c in enumerate(copies):
        root.insert(last + 1 + i, c)
    tree.write(dst, encoding="UTF-8", xml_declaration=True)
    print("%d records (%d from IANA, %d copies of %d named records, up to -s%d) in %s"
          % (len(records) + len(copies), len(records), len(copies), len(named), k, dst))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 18)
