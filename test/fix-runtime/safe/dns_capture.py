"""DNS capture summary: encode a capture of DNS query packets with struct, decode the headers
and question sections, keep the standard queries and rank the queried zones.

Usage: python3 dns_capture.py [N]
"""
import struct
import sys

DOMAINS = ["api.example.com", "cdn.example.net", "mail.example.org", "example.com",
           "telemetry.vendor.io", "updates.vendor.io"]
QTYPES = {1: "A", 28: "AAAA", 15: "MX", 16: "TXT"}


def encode_name(name):
    out = b""
    for label in name.split("."):
        out += bytes([len(label)]) + label.encode("ascii")
    return out + b"\x00"


def capture(n):
    packets = []
    for i in range(n):
        flags = 0x0100 if i % 11 else 0x8180
        header = struct.pack("!HHHHHH", i & 0xFFFF, flags, 1, 0, 0, 0)
        qtype = list(QTYPES)[i % len(QTYPES)]
        question = encode_name(DOMAINS[(i * 5) % len(DOMAINS)]) + struct.pack("!HH", qtype, 1)
        packets.append(header + question)
    return packets


def read_name(data, offset):
    labels = []
    while data[offset]:
        length = data[offset]
        labels.append(data[offset + 1:offset + 1 + length].decode("ascii"))
        offset += length + 1
    return ".".join(labels), offset + 1


def decode(packets):
    decoded = []
    for pkt in packets:
        ident, flags, qdcount, _, _, _ = struct.unpack_from("!HHHHHH", pkt, 0)
        name, offset = read_name(pkt, 12)
        qtype, qclass = struct.unpack_from("!HH", pkt, offset)
        decoded.append({"id": ident, "qr": flags >> 15, "name": name,
                        "qtype": QTYPES.get(qtype, str(qtype)), "qclass": qclass})
    return decoded


def queries_only(decoded):
    return [d for d in decoded if d["qr"] == 0 and d["qclass"] == 1]


def zones(queries):
    out = []
    for q in queries:
        parts = q["name"].split(".")
        out.append((".".join(parts[-2:]), q["qtype"]))
    return out


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 2000
    ranking = {}
    for zone, qtype in zones(queries_only(decode(capture(n)))):
        ranking[(zone, qtype)] = ranking.get((zone, qtype), 0) + 1
    for (zone, qtype), count in sorted(ranking.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{zone:14s} {qtype:4s} {count}")


if __name__ == "__main__":
    main(sys.argv)
