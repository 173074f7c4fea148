#!/usr/bin/env python3
# What Kestrel does with a DATA frame that arrives late for a stream it answered before reading the whole body (README,
# "HTTP surface and input", Fuzzing). Raw h2c, standard library only. With the system running (scripts/run.sh):
#   python3 scripts/probes/h2-late-data.py 127.0.0.1 5121 1   # 2.5 s after the answer: discarded, PING answered
#   python3 scripts/probes/h2-late-data.py 127.0.0.1 5121 6   # 7.5 s after: GOAWAY error=5 (STREAM_CLOSED), EOF
# Arguments: host, HTTP/2 port, seconds to wait after the first 1.5 s of reading, optional gRPC method path.
import socket, struct, sys, time
host, port, delay = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
path = sys.argv[4] if len(sys.argv) > 4 else "/partnership.identity.v1.AccessBindings/UpdateAccessBindings"
def frame(t, flags, sid, payload): return struct.pack(">I", len(payload))[1:] + bytes([t, flags]) + struct.pack(">I", sid) + payload
def lit(name, value):  # literal header field without indexing, new name
    n, v = name.encode(), value.encode()
    assert len(n) < 127 and len(v) < 127
    return b"\x00" + bytes([len(n)]) + n + bytes([len(v)]) + v
s = socket.create_connection((host, port)); s.settimeout(0.5)
s.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + frame(4, 0, 0, b""))
hdrs = lit(":method", "POST") + lit(":scheme", "http") + lit(":path", path) + lit(":authority", f"{host}:{port}") \
     + lit("content-type", "application/grpc") + lit("te", "trailers")
s.sendall(frame(1, 4, 1, hdrs))  # HEADERS, END_HEADERS, stream 1
s.sendall(frame(0, 0, 1, b"\x00" + struct.pack(">I", 10_000_000) + b"x" * 16000))  # DATA: a 10 MB message, 16 KB of it
buf = b""
def read_frames(seconds):
    global buf
    end = time.time() + seconds; out = []
    while time.time() < end:
        try:
            chunk = s.recv(65536)
            if not chunk: out.append(("EOF",)); break
            buf += chunk
        except socket.timeout: pass
        while len(buf) >= 9:
            ln = int.from_bytes(buf[:3], "big"); t, fl = buf[3], buf[4]; sid = int.from_bytes(buf[5:9], "big") & 0x7fffffff
            if len(buf) < 9 + ln: break
            p = buf[9:9+ln]; buf = buf[9+ln:]
            name = {0:"DATA",1:"HEADERS",3:"RST_STREAM",4:"SETTINGS",6:"PING",7:"GOAWAY",8:"WINDOW_UPDATE"}.get(t, str(t))
            extra = ""
            if t == 3: extra = f"error={int.from_bytes(p[:4],'big')}"
            if t == 7: extra = f"last={int.from_bytes(p[:4],'big')&0x7fffffff} error={int.from_bytes(p[4:8],'big')} {p[8:].decode(errors='replace')}"
            out.append((name, sid, fl, extra))
            if t == 4 and not fl & 1: s.sendall(frame(4, 1, 0, b""))  # ack settings
    return out
for f in read_frames(1.5): print("before:", f)
time.sleep(delay)
s.sendall(frame(0, 0, 1, b"y" * 16000))  # the late DATA frame
s.sendall(frame(6, 0, 0, b"12345678"))   # PING: is the connection still there?
for f in read_frames(2): print(f"after {delay}s:", f)
