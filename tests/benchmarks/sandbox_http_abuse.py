#!/usr/bin/env python3
"""Measures how route-sandbox copes with hostile HTTP on loopback: the figures issue 11 asked for.

    python3 tests/benchmarks/sandbox_http_abuse.py BUILD/route-sandbox [--old] [SCENARIO...]

Starts the binary itself (a temporary database, a 1,024-descriptor limit) for each scenario and prints one line
per scenario. --old leaves out the options that older binaries do not know (--idle-timeout), so the same script
measures a build from before the HTTP layer was rewritten. SCENARIO: big_body, slowloris, descriptors, framing
(default: all). Standard library only.
"""
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time

TOKEN = "abuse-token"
PATH = "/client/v4/accounts/abuse/ai-gateway/gateways"


def start(binary, old, fd_limit=1024, extra=()):
    tmp = tempfile.mkdtemp()
    args = [binary, "--port", "0", "--token", TOKEN, "--db", os.path.join(tmp, "s.sqlite"), *extra]

    def limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (fd_limit, fd_limit))

    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, preexec_fn=limit, text=True)
    line = proc.stdout.readline()
    port = int(line.strip().rsplit(":", 1)[1].split("/")[0])
    return proc, port


def stop(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def status_of(data):
    try:
        return int(data.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return None


def vm(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) // 1024
    return -1


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def request(port, raw, timeout=5.0):
    start = time.monotonic()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    except OSError:
        return None, time.monotonic() - start  # not even accepted into the listen queue
    s.sendall(raw)
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except socket.timeout:
        pass
    s.close()
    return status_of(data), time.monotonic() - start


def big_body(binary, old):
    proc, port = start(binary, old)
    size = 200 * 1024 * 1024
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(f"POST {PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              f"Content-Length: {size}\r\n\r\n".encode())
    piece = b"x" * (1024 * 1024)
    sent = 0
    try:
        while sent < size:
            s.sendall(piece)
            sent += len(piece)
    except OSError:
        pass
    s.settimeout(30)
    try:
        data = s.recv(65536)
    except OSError:
        data = b""
    peak = vm(proc.pid, "VmHWM:")
    s.close()
    stop(proc)
    print(f"200 MB unauthenticated body: answer {status_of(data)}, client got {sent // 2**20} MB out, "
          f"server peak RSS {peak} MB")


def slowloris(binary, old):
    proc, port = start(binary, old)
    socks = []
    for _ in range(300):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(f"GET {PATH} HTTP/1.1\r\nHost: x\r\n".encode())
        s.setblocking(False)
        socks.append(s)
    start_time = time.monotonic()
    open_socks = set(range(len(socks)))
    while open_socks and time.monotonic() - start_time < 60:
        for i in list(open_socks):
            try:
                if socks[i].recv(65536) == b"":
                    open_socks.discard(i)
                    continue
            except BlockingIOError:
                pass
            except OSError:
                open_socks.discard(i)
                continue
            try:
                socks[i].send(b"X")  # a byte now and then keeps a naive server waiting
            except OSError:
                open_socks.discard(i)
        time.sleep(1)
    elapsed = time.monotonic() - start_time
    for s in socks:
        s.close()
    stop(proc)
    still = len(open_socks)
    print(f"300 slowloris connections: {300 - still} closed by the server within {elapsed:.0f} s, {still} still open")


def descriptors(binary, old):
    # A connection cap far above the descriptor limit, so that the limit is what the server meets.
    extra = () if old else ("--idle-timeout", "5", "--max-connections", "5000")
    proc, port = start(binary, old, fd_limit=1024, extra=extra)
    socks = []
    for _ in range(1100):
        try:
            socks.append(socket.create_connection(("127.0.0.1", port), timeout=2))
        except OSError:
            break
    time.sleep(0.5)
    before = cpu_seconds(proc.pid)
    time.sleep(3)
    cpu = (cpu_seconds(proc.pid) - before) / 3 * 100
    status, took = request(port, f"GET {PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\n\r\n".encode(),
                           timeout=20)
    for s in socks:
        s.close()
    stop(proc)
    print(f"1,024 descriptors, {len(socks)} idle connections: server CPU {cpu:.0f}% while exhausted, "
          f"a new request answered {status} after {took:.1f} s")


def framing(binary, old):
    proc, port = start(binary, old)
    auth = f"Authorization: Bearer {TOKEN}\r\n"
    cases = [
        ("conflicting Content-Length",
         f"POST {PATH} HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: application/json\r\n"
         "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}"),
        ("Content-Type: text/plain",
         f"POST {PATH} HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n{{}}"),
        ("account id %00",
         f"GET /client/v4/accounts/a%00b/ai-gateway/gateways HTTP/1.1\r\nHost: x\r\n{auth}\r\n"),
        ("account id invalid UTF-8",
         f"GET /client/v4/accounts/%FF%FE/ai-gateway/gateways HTTP/1.1\r\nHost: x\r\n{auth}\r\n"),
    ]
    for name, raw in cases:
        status, took = request(port, raw.encode(), timeout=10)
        print(f"{name}: answer {status} after {took:.2f} s")
    stop(proc)


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    binary = sys.argv[1]
    old = "--old" in sys.argv[2:]
    wanted = [a for a in sys.argv[2:] if a != "--old"]
    for scenario in (big_body, slowloris, descriptors, framing):
        if not wanted or scenario.__name__ in wanted:
            scenario(binary, old)


if __name__ == "__main__":
    main()
