#!/usr/bin/python3
"""Hostile traffic for the guest, written as raw Ethernet frames on the TAP device (an AF_PACKET socket, so no
frame is fixed up by Linux's stack on the way): truncated and inconsistent headers of every layer, bad checksums,
bogus TCP options, overlapping and oversized fragments, malformed ARP, ICMP and NDP, then a flood of SYNs from
addresses nobody owns. Prints one JSON object with what was sent. The test then checks that the guest still answers.
"""
import argparse
import errno
import ipaddress
import json
import random
import socket
import struct
import time


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def mac(text):
    return bytes.fromhex(text.replace(":", ""))


def v4(text):
    return ipaddress.IPv4Address(text).packed


def v6(text):
    return ipaddress.IPv6Address(text).packed


def ether(dst, src, kind, payload):
    return dst + src + struct.pack("!H", kind) + payload


def ipv4(src, dst, protocol, payload, ident=1, fragment=0, ttl=64, ihl=5, options=b"", total=None, version=4, bad_checksum=False):
    length = 4 * ihl + len(payload) if total is None else total
    header = struct.pack("!BBHHHBBH4s4s", version << 4 | ihl, 0, length & 0xFFFF, ident, fragment, ttl, protocol, 0, src, dst) + options
    value = checksum(header) ^ (0x5555 if bad_checksum else 0)
    return header[:10] + struct.pack("!H", value) + header[12:] + payload


def pseudo4(src, dst, protocol, length):
    return src + dst + struct.pack("!BBH", 0, protocol, length)


def pseudo6(src, dst, protocol, length):
    return src + dst + struct.pack("!IxxxB", length, protocol)


def tcp(pseudo, sport, dport, seq, ack, flags, options=b"", payload=b"", offset=None, window=65535, bad_checksum=False):
    words = (20 + len(options)) // 4 if offset is None else offset
    segment = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, words << 4, flags, window, 0, 0) + options + payload
    value = checksum(pseudo(len(segment)) + segment) ^ (0x5555 if bad_checksum else 0)
    return segment[:16] + struct.pack("!H", value) + segment[18:]


def udp(pseudo, sport, dport, payload, length=None, bad_checksum=False):
    datagram = struct.pack("!HHHH", sport, dport, 8 + len(payload) if length is None else length, 0) + payload
    value = checksum(pseudo(len(datagram)) + datagram) ^ (0x5555 if bad_checksum else 0)
    return datagram[:6] + struct.pack("!H", value or 0xFFFF) + datagram[8:]


def icmp(kind, code, body, bad_checksum=False):
    message = struct.pack("!BBH", kind, code, 0) + body
    value = checksum(message) ^ (0x5555 if bad_checksum else 0)
    return message[:2] + struct.pack("!H", value) + message[4:]


def ipv6(src, dst, next_header, payload, hops=255, length=None, version=6):
    return struct.pack("!IHBB16s16s", version << 28, len(payload) if length is None else length, next_header, hops, src, dst) + payload


def icmpv6(src, dst, kind, code, body, bad_checksum=False):
    message = struct.pack("!BBH", kind, code, 0) + body
    value = checksum(pseudo6(src, dst, 58, len(message)) + message) ^ (0x5555 if bad_checksum else 0)
    return message[:2] + struct.pack("!H", value) + message[4:]


SYN, ACK, FIN, RST, PSH, URG = 0x02, 0x10, 0x01, 0x04, 0x08, 0x20


def malformed(a):
    gm, pm = mac(a.guest_mac), mac(a.peer_mac)
    g4, p4 = v4(a.guest_ip), v4(a.peer_ip)
    g6, p6 = v6(a.guest_ip6), v6(a.peer_ip6)
    port = a.port
    on4 = lambda payload: ether(gm, pm, 0x0800, payload)
    on6 = lambda payload: ether(gm, pm, 0x86DD, payload)
    ps4 = lambda length: pseudo4(p4, g4, 6, length)
    ps6 = lambda length: pseudo6(p6, g6, 6, length)
    syn = lambda options, **kw: on4(ipv4(p4, g4, 6, tcp(ps4, 40000 + len(options), port, 1000, 0, SYN, options, **kw)))
    echo = icmp(8, 0, struct.pack("!HH", 7, 1) + b"x" * 32)
    quoted = ipv4(g4, p4, 6, struct.pack("!HHI", port, 40000, 5))
    solicited = b"\xff\x02" + b"\0" * 9 + b"\x01\xff" + g6[13:]
    cases = {
        # Ethernet and ARP
        "header only": ether(gm, pm, 0x0800, b""),
        "unknown ethertype": ether(gm, pm, 0x88B5, b"\0" * 46),
        "arp truncated": ether(gm, pm, 0x0806, b"\x00\x01\x08\x00\x06\x04\x00\x01" + pm[:3]),
        "arp zero lengths": ether(gm, pm, 0x0806, struct.pack("!HHBBH", 1, 0x0800, 0, 0, 1) + b"\0" * 20),
        "arp bogus opcode": ether(gm, pm, 0x0806, struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 99, pm, v4("10.213.0.250"), gm, g4)),
        "arp huge lengths": ether(gm, pm, 0x0806, struct.pack("!HHBBH", 1, 0x0800, 255, 255, 1) + b"\0" * 20),
        # IPv4 headers
        "ipv4 truncated header": on4(ipv4(p4, g4, 1, echo)[:10]),
        "ipv4 ihl 4": on4(ipv4(p4, g4, 1, echo, ihl=4)),
        "ipv4 ihl 15 past end": on4(ipv4(p4, g4, 1, b"", ihl=15)[:20]),
        "ipv4 total length 0": on4(ipv4(p4, g4, 1, echo, total=0)),
        "ipv4 total length past frame": on4(ipv4(p4, g4, 1, echo, total=1400)),
        "ipv4 total length inside header": on4(ipv4(p4, g4, 1, echo, total=12)),
        "ipv4 bad header checksum": on4(ipv4(p4, g4, 1, echo, bad_checksum=True)),
        "ipv4 version 6 in ipv4 frame": on4(ipv4(p4, g4, 1, echo, version=6)),
        "ipv4 option length 0": on4(ipv4(p4, g4, 1, echo, ihl=6, options=b"\x07\x00\x00\x00")),
        "ipv4 option length past header": on4(ipv4(p4, g4, 1, echo, ihl=6, options=b"\x44\x28\x05\x00")),
        "ipv4 unknown protocol": on4(ipv4(p4, g4, 253, b"\0" * 30)),
        "ipv4 ttl 0": on4(ipv4(p4, g4, 1, echo, ttl=0)),
        "ipv4 from broadcast": on4(ipv4(v4("255.255.255.255"), g4, 1, echo)),
        # IPv4 fragments
        "fragments overlapping": [on4(ipv4(p4, g4, 1, echo[:24], ident=77, fragment=0x2000)), on4(ipv4(p4, g4, 1, b"y" * 24, ident=77, fragment=2))],
        "fragment past 64 KiB": on4(ipv4(p4, g4, 1, b"z" * 200, ident=78, fragment=8189)),
        "fragment empty with more": on4(ipv4(p4, g4, 1, b"", ident=79, fragment=0x2000 | 3)),
        "fragment odd length with more": on4(ipv4(p4, g4, 1, echo[:13], ident=80, fragment=0x2000)),
        "fragment tcp header split": [on4(ipv4(p4, g4, 6, tcp(ps4, 40100, port, 1, 0, SYN)[:8], ident=81, fragment=0x2000)), on4(ipv4(p4, g4, 6, tcp(ps4, 40100, port, 1, 0, SYN)[8:], ident=81, fragment=1))],
        # ICMP
        "icmp truncated echo": on4(ipv4(p4, g4, 1, echo[:4])),
        "icmp bad checksum": on4(ipv4(p4, g4, 1, icmp(8, 0, b"\0" * 8, bad_checksum=True))),
        "icmp unknown type": on4(ipv4(p4, g4, 1, icmp(200, 7, b"\0" * 8))),
        "icmp unreachable truncated quote": on4(ipv4(p4, g4, 1, icmp(3, 3, b"\0" * 4 + quoted[:12]))),
        "icmp frag needed mtu 0": on4(ipv4(p4, g4, 1, icmp(3, 4, struct.pack("!HH", 0, 0) + quoted))),
        "icmp frag needed mtu 100": on4(ipv4(p4, g4, 1, icmp(3, 4, struct.pack("!HH", 0, 100) + quoted))),
        # UDP
        "udp length 0": on4(ipv4(p4, g4, 17, udp(lambda n: pseudo4(p4, g4, 17, n), 5000, 7000, b"abcd", length=0))),
        "udp length past packet": on4(ipv4(p4, g4, 17, udp(lambda n: pseudo4(p4, g4, 17, n), 5000, 7000, b"abcd", length=900))),
        "udp bad checksum": on4(ipv4(p4, g4, 17, udp(lambda n: pseudo4(p4, g4, 17, n), 5000, 7000, b"abcd", bad_checksum=True))),
        "udp truncated header": on4(ipv4(p4, g4, 17, b"\x13\x88\x1b")),
        # TCP headers and options (SYNs to the listening port)
        "tcp truncated header": on4(ipv4(p4, g4, 6, tcp(ps4, 40001, port, 1, 0, SYN)[:12])),
        "tcp data offset 2": syn(b"", offset=2),
        "tcp data offset past segment": syn(b"", offset=15),
        "tcp bad checksum": syn(b"", bad_checksum=True),
        "tcp option length 0": syn(b"\x02\x00\x00\x00"),
        "tcp option length 1": syn(b"\x08\x01\x00\x00"),
        "tcp option past header": syn(b"\x08\xff\x00\x00"),
        "tcp mss wrong length": syn(b"\x02\x03\x05\x00"),
        "tcp mss 0": syn(b"\x02\x04\x00\x00"),
        "tcp window scale 255": syn(b"\x03\x03\xff\x00"),
        "tcp sack odd length": syn(b"\x05\x07" + b"\0" * 5 + b"\x00"),
        "tcp timestamp truncated": syn(b"\x08\x06" + b"\0" * 4 + b"\x00\x00"),
        "tcp 40 bytes of nop": syn(b"\x01" * 40),
        "tcp unknown option": syn(b"\xfe\x04\x00\x00"),
        "tcp syn fin": on4(ipv4(p4, g4, 6, tcp(ps4, 40002, port, 1, 0, SYN | FIN))),
        "tcp xmas": on4(ipv4(p4, g4, 6, tcp(ps4, 40003, port, 1, 1, FIN | PSH | URG | ACK))),
        "tcp no flags": on4(ipv4(p4, g4, 6, tcp(ps4, 40004, port, 1, 0, 0))),
        "tcp stray rst": on4(ipv4(p4, g4, 6, tcp(ps4, 40005, port, random.getrandbits(32), 0, RST))),
        "tcp stray ack with data": on4(ipv4(p4, g4, 6, tcp(ps4, 40006, port, 5, 5, ACK | PSH, payload=b"data"))),
        "tcp closed port": on4(ipv4(p4, g4, 6, tcp(ps4, 40007, 9, 1, 0, SYN))),
        # IPv6 and ICMPv6
        "ipv6 truncated header": on6(ipv6(p6, g6, 58, b"")[:20]),
        "ipv6 payload length past frame": on6(ipv6(p6, g6, 58, icmpv6(p6, g6, 128, 0, b"\0" * 8), length=1200)),
        "ipv6 version 4 in ipv6 frame": on6(ipv6(p6, g6, 58, icmpv6(p6, g6, 128, 0, b"\0" * 8), version=4)),
        "ipv6 50 extension headers": on6(ipv6(p6, g6, 0, b"".join(bytes([0 if i < 49 else 59, 0]) + b"\x01\x04\0\0\0\0" for i in range(50)))),
        "ipv6 hop option past header": on6(ipv6(p6, g6, 0, b"\x3b\x00\x05\x20\0\0\0\0")),
        "ipv6 routing header type 0": on6(ipv6(p6, g6, 43, b"\x3a\x02\x00\x01\0\0\0\0" + p6 + icmpv6(p6, g6, 128, 0, b"\0" * 8))),
        "ipv6 fragments overlapping": [on6(ipv6(p6, g6, 44, struct.pack("!BBHI", 58, 0, 1, 91) + icmpv6(p6, g6, 128, 0, b"\0" * 20))), on6(ipv6(p6, g6, 44, struct.pack("!BBHI", 58, 0, 1 << 3, 91) + b"w" * 24))],
        "ipv6 fragment past 64 KiB": on6(ipv6(p6, g6, 44, struct.pack("!BBHI", 58, 0, 8190 << 3, 92) + b"v" * 200)),
        "icmpv6 bad checksum": on6(ipv6(p6, g6, 58, icmpv6(p6, g6, 128, 0, b"\0" * 8, bad_checksum=True))),
        "icmpv6 truncated": on6(ipv6(p6, g6, 58, b"\x80\x00")),
        "ndp solicitation option length 0": on6(ipv6(p6, solicited, 58, icmpv6(p6, solicited, 135, 0, b"\0" * 4 + g6 + b"\x01\x00" + pm))),
        "ndp solicitation hop limit 64": on6(ipv6(p6, solicited, 58, icmpv6(p6, solicited, 135, 0, b"\0" * 4 + g6 + b"\x01\x01" + pm), hops=64)),
        "ndp advertisement option past end": on6(ipv6(p6, g6, 58, icmpv6(p6, g6, 136, 0, b"\x60\0\0\0" + p6 + b"\x02\x09" + pm))),
        "router advertisement from global address": on6(ipv6(p6, v6("ff02::1"), 58, icmpv6(p6, v6("ff02::1"), 134, 0, b"\x40\x00\x07\x08" + b"\0" * 8 + b"\x03\x04\x40\xc0" + b"\xff" * 8 + b"\0" * 4 + v6("fd66::")))),
        "router advertisement prefix length 200": on6(ipv6(v6(a.peer_link_local), v6("ff02::1"), 58, icmpv6(v6(a.peer_link_local), v6("ff02::1"), 134, 0, b"\x40\x00\x00\x00" + b"\0" * 8 + b"\x03\x04\xc8\xc0" + b"\xff" * 8 + b"\0" * 4 + v6("fd67::")))),
        "router advertisement option length 0": on6(ipv6(v6(a.peer_link_local), v6("ff02::1"), 58, icmpv6(v6(a.peer_link_local), v6("ff02::1"), 134, 0, b"\x40\x00\x00\x00" + b"\0" * 8 + b"\x03\x00" + b"\0" * 30))),
    }
    return cases


def flood(a, count):
    """SYNs to the listening port from 126 addresses of the namespace's subnet that nobody answers for."""
    gm, g4 = mac(a.guest_mac), v4(a.guest_ip)
    base = int(ipaddress.IPv4Address(a.guest_ip)) & ~0xFF
    for i in range(count):
        source = ipaddress.IPv4Address(base + 128 + i % 126).packed
        segment = tcp(lambda n: pseudo4(source, g4, 6, n), 1024 + i % 60000, a.port, random.getrandbits(32), 0, SYN, b"\x02\x04\x05\xb4")
        yield ether(gm, b"\x02\x00\x00\x00\x00" + bytes([i % 126]), 0x0800, ipv4(source, g4, 6, segment, ident=i & 0xFFFF))


def dropped(interface):
    with open(f"/sys/class/net/{interface}/statistics/tx_dropped") as counter:
        return int(counter.read())


def send(raw, frame):
    while True:
        try:
            raw.send(frame)
            return
        except OSError as error:
            if error.errno != errno.ENOBUFS:
                raise
            time.sleep(0.001)


def main():
    parser = argparse.ArgumentParser()
    for name in ("interface", "guest-mac", "peer-mac", "guest-ip", "peer-ip", "guest-ip6", "peer-ip6", "peer-link-local"):
        parser.add_argument("--" + name, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--syns", type=int, required=True)
    a = parser.parse_args()
    with socket.socket(socket.AF_PACKET, socket.SOCK_RAW) as raw:
        raw.bind((a.interface, 0))
        cases = malformed(a)
        frames = 0
        for _ in range(3):
            for name, frame in cases.items():
                for part in [frame] if isinstance(frame, bytes) else frame:
                    try:
                        send(raw, part)
                    except OSError as error:
                        raise SystemExit(f"sending '{name}' failed: {error}")
                    frames += 1
                time.sleep(0.002)
        started = time.monotonic()
        dropped_before = dropped(a.interface)
        pause = 0.0
        for number, frame in enumerate(flood(a, a.syns), 1):
            send(raw, frame)
            # The TAP queue drops what QEMU has not taken yet: slow down while it does, so that the SYNs reach the
            # guest as fast as it takes them rather than mostly dying in Linux.
            if number % 200 == 0:
                now = dropped(a.interface)
                pause = min(0.05, pause * 2 + 0.001) if now > dropped_before else pause / 2
                dropped_before = now
                time.sleep(pause)
        seconds = time.monotonic() - started
    print(json.dumps({"cases": len(cases), "malformed_frames": frames, "syns": a.syns, "flood_seconds": seconds, "tap_dropped": dropped(a.interface)}))


if __name__ == "__main__":
    main()
