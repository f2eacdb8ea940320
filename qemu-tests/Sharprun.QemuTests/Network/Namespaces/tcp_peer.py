#!/usr/bin/python3
"""The Linux side of the TCP tests, run inside the test's network namespace. It speaks the guest's command lines
(qemu-tests/Images/tapguest) and prints one JSON object with what it sent or received and how long it took.

  tcp_peer.py sink HOST PORT N         send N random bytes; report their SHA-256 and the guest's answer
  tcp_peer.py source HOST PORT N SEED  receive the guest's stream; report its length and SHA-256
  tcp_peer.py hello HOST PORT          one short exchange; report the guest's answer
  tcp_peer.py multicast GROUP PORT LOCAL  one UDP datagram to GROUP from LOCAL's interface; report the guest's
                                       unicast answer (resent each second, for at most a minute)
"""
import hashlib
import json
import os
import socket
import sys
import time

CHUNK = 1 << 20


def connect(host, port):
    # Generous: the guest runs under TCG and may still be digesting a flood.
    return socket.create_connection((host, int(port)), timeout=120)


def read_line(connection):
    line = bytearray()
    while not line.endswith(b"\n"):
        piece = connection.recv(1)
        if not piece:
            break
        line += piece
    return line.decode("ascii", "replace").strip()


def sink(host, port, length):
    length = int(length)
    digest = hashlib.sha256()
    with connect(host, port) as connection:
        connection.sendall(f"sink {length}\n".encode())
        started = time.monotonic()
        left = length
        while left > 0:
            block = os.urandom(min(CHUNK, left))
            digest.update(block)
            connection.sendall(block)
            left -= len(block)
        answer = read_line(connection)
        seconds = time.monotonic() - started
    return {"bytes": length, "sha256": digest.hexdigest(), "seconds": seconds, "answer": answer}


def source(host, port, length, seed):
    digest = hashlib.sha256()
    received = 0
    with connect(host, port) as connection:
        connection.sendall(f"source {int(length)} {int(seed)}\n".encode())
        started = time.monotonic()
        while True:
            block = connection.recv(CHUNK)
            if not block:
                break
            digest.update(block)
            received += len(block)
        seconds = time.monotonic() - started
    return {"bytes": received, "sha256": digest.hexdigest(), "seconds": seconds}


def hello(host, port):
    with connect(host, port) as connection:
        connection.sendall(b"hello\n")
        return {"answer": read_line(connection)}


def multicast(group, port, local):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(local))
        udp.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
        udp.bind((local, 0))
        udp.settimeout(1)
        for _ in range(60):
            udp.sendto(b"to the group", (group, int(port)))
            try:
                answer, sender = udp.recvfrom(512)
                return {"answer": answer.decode("ascii", "replace"), "from": sender[0]}
            except socket.timeout:
                continue
    return {"answer": None, "from": None}


if __name__ == "__main__":
    commands = {"sink": sink, "source": source, "hello": hello, "multicast": multicast}
    print(json.dumps(commands[sys.argv[1]](*sys.argv[2:])))
