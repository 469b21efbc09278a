"""Inputs for test_robustness: one raw HTTP exchange that says how it went wrong when the server
gives no proper answer, hostile mapping templates, and seeded generators of malformed requests for
every operation of the botocore models (control plane) and for deployed APIs (data plane)."""

import http.client
import io
import json
import random
import re
import socket
import time
import urllib.parse

# --- one raw exchange ----------------------------------------------------------------------------


class NoAnswer(Exception):
    """The server gave no usable HTTP answer; the message says how (timeout, dropped, unparseable)."""


class Reply:
    """A parsed answer: status, headers (case-insensitive), body bytes and the seconds it took."""

    def __init__(self, status, headers, body, seconds):
        self.status = status
        self.headers = headers
        self.body = body
        self.seconds = seconds

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"Reply({self.status}, {dict(self.headers.items())}, {self.body[:300]!r}, {self.seconds:.2f}s)"


class _Replay:
    """Just enough of a socket for http.client.HTTPResponse to parse bytes already read."""

    def __init__(self, data):
        self.data = data

    def makefile(self, *arguments, **options):
        return io.BytesIO(self.data)


_STATUS_LINE = re.compile(rb"HTTP/1\.[01] (\d{3})(?: [^\r\n]*)?")


def _as_bytes(value):
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


def request_bytes(port, method, target, headers=(), body=None):
    """The request as sent: the given headers (Host, Content-Length and Connection added unless given)."""
    names = {_as_bytes(name).lower() for name, _ in headers}
    lines = [_as_bytes(method) + b" " + _as_bytes(target) + b" HTTP/1.1"]
    if b"host" not in names:
        lines.append(b"Host: 127.0.0.1:%d" % port)
    for name, value in headers:
        lines.append(_as_bytes(name) + b": " + _as_bytes(value))
    if body is None and method in ("POST", "PUT", "PATCH"):
        body = b""
    if body is not None and b"content-length" not in names:
        lines.append(b"Content-Length: %d" % len(body))
    if b"connection" not in names:
        lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + (body or b"")


def exchange(port, method, target, headers=(), body=None, timeout=20.0):
    """Sends one request on a connection of its own, byte for byte, and reads one answer within
    `timeout` seconds. Raises NoAnswer when there is none: a timeout, a connection closed before
    a complete answer, bytes that are not HTTP, or an interim 1xx answer left as the final one."""
    started = time.monotonic()
    deadline = started + timeout
    data = request_bytes(port, method, target, headers, body)
    received = bytearray()

    def receive():
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise NoAnswer(f"no complete answer within {timeout:g} s (received {bytes(received[:200])!r})")
        connection.settimeout(remaining)
        try:
            chunk = connection.recv(65536)
        except socket.timeout:
            raise NoAnswer(f"no complete answer within {timeout:g} s (received {bytes(received[:200])!r})")
        except OSError as error:
            raise NoAnswer(f"connection failed after {len(received)} bytes: {error!r}")
        if len(received) > 64 * 1024 * 1024:
            raise NoAnswer("answer over 64 MB")
        received.extend(chunk)
        return chunk

    try:
        connection = socket.create_connection(("127.0.0.1", port), timeout=min(timeout, 5))
    except OSError as error:
        raise NoAnswer(f"could not connect: {error!r}")
    with connection:
        try:
            connection.settimeout(timeout)
            connection.sendall(data)
        except OSError:
            pass  # the server may answer (413, 400) and close before reading everything: read what it said
        start = 0
        while True:  # interim 1xx answers come before the final one
            while b"\r\n\r\n" not in received[start:]:
                if not receive():
                    raise NoAnswer(f"connection closed without a complete answer (received {bytes(received[:200])!r})")
                if len(received) - start > 1024 * 1024:
                    raise NoAnswer("answer head over 1 MB")
            head_end = received.index(b"\r\n\r\n", start) + 4
            line = bytes(received[start:received.index(b"\r\n", start)])
            matched = _STATUS_LINE.fullmatch(line)
            if not matched:
                raise NoAnswer(f"not an HTTP status line: {line[:200]!r}")
            status = int(matched.group(1))
            if status >= 200:
                break
            if status == 101:
                raise NoAnswer(f"answered 101 Switching Protocols: {line!r}")
            start = head_end
        head = bytes(received[start:head_end])
        fields = {}
        for field in head.split(b"\r\n")[1:]:
            name, _, value = field.partition(b":")
            fields[name.strip().lower()] = value.strip()
        if method == "HEAD" or status in (204, 304):
            end = head_end
        elif b"chunked" in fields.get(b"transfer-encoding", b"").lower():
            end = _chunked_end(received, head_end, receive)
        elif b"content-length" in fields:
            try:
                length = int(fields[b"content-length"])
            except ValueError:
                raise NoAnswer(f"invalid Content-Length {fields[b'content-length']!r}")
            while len(received) < head_end + length:
                if not receive():
                    raise NoAnswer(f"connection closed after {len(received) - head_end} of {length} body bytes")
            end = head_end + length
        else:
            while receive():
                pass
            end = len(received)
    response = http.client.HTTPResponse(_Replay(bytes(received[start:end])), method=method)
    try:
        response.begin()
        payload = response.read()
    except (http.client.HTTPException, ValueError) as error:
        raise NoAnswer(f"unparseable answer ({error!r}): {bytes(received[start:start + 300])!r}")
    if response.status != status or not 200 <= response.status <= 599:
        raise NoAnswer(f"invalid status line {line!r}")
    return Reply(response.status, response.headers, payload, time.monotonic() - started)


def _chunked_end(received, position, receive):
    """Where a chunked body that starts at `position` ends, reading more as needed."""
    while True:
        while b"\r\n" not in received[position:]:
            if not receive():
                raise NoAnswer("connection closed inside a chunked body")
        line_end = received.index(b"\r\n", position)
        try:
            size = int(bytes(received[position:line_end]).split(b";")[0].strip(), 16)
        except ValueError:
            raise NoAnswer(f"invalid chunk size line {bytes(received[position:line_end])[:100]!r}")
        position = line_end + 2
        if size == 0:
            while b"\r\n\r\n" not in received[position - 2:]:
                if not receive():
                    raise NoAnswer("connection closed inside the chunked trailer")
            return received.index(b"\r\n\r\n", position - 2) + 4
        while len(received) < position + size + 2:
            if not receive():
                raise NoAnswer("connection closed inside a chunk")
        position += size + 2


# --- hostile mapping templates -------------------------------------------------------------------

BODY = "@BODY@"  # where a template renders its result: `$x`, or the MOCK status JSON of a request template


def nested_ifs(depth, inner=BODY):
    return "#if(true)" * depth + inner + "#end" * depth


def negations(count, inner=BODY):
    return "#if(" + "!" * count + "true)" + inner + "#end"


def nested_parentheses(depth):
    return "#set($x = " + "(" * depth + "1" + ")" * depth + ")" + BODY


def nested_lists(depth):
    return "#set($x = " + "[" * depth + "]" * depth + ")" + BODY


def nested_maps(depth):
    return "#set($x = " + '{"a":' * depth + "1" + "}" * depth + ")" + BODY


def nested_calls(depth):
    return "#set($x = " + "$util.escapeJavaScript(" * depth + "'x'" + ")" * depth + ")" + BODY


def long_sum(terms):
    return "#set($x = " + "+".join(["1"] * terms) + ")" + BODY


# --- malformed requests --------------------------------------------------------------------------

_ODD_TEXTS = [
    "..", ".", "%2e%2e", "%2E", "~", "%00", "a%00b", "%zz", "%", "%4", "%g0", "a%", "%%", "%2F", "a%2Fb", "%5C",
    ";a=b", "%3B", "%3F", "%23", "+", " ", "%20", "%C0%AF", "%ED%A0%80", "%FF%FE", "null", "undefined",
    "-1", "0", "99999999999999999999999999", "1e999999", "NaN", "{id}", "$context", "#set", "'", "\"", "<x>",
]


# Strings that mean something further in: templates, selection patterns, JSON inside a string.
_ODD_STRINGS = [
    "\u0000", "\ud83d", "\ufeff", "\u2028", "${x}", "$input.body", "#foreach", "#if(", "#end", "$input.json('$')",
    "#set($x = $input.path('$.a'))", "#foreach($i in [1..100000000])x#end", "#set($x = 1 / 0)$x",
    "$util.urlDecode('%')",
    "(a+)+b", "((((", "[", "\\", "*", "5\\d{2}", "(?<", '{"a": ' + "9" * 5000 + "}", "[" * 1000 + "]" * 1000,
    '{"statusCode": 99999999999}', "method.request.header.", "integration.response.body.$", "context.",
]


class Malformed:
    """Seeded random junk for each part of a request."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def chance(self, probability):
        return self.rng.random() < probability

    def text(self):
        """A path label or query value: percent-encoded bytes, long strings, dot segments, bad escapes."""
        rng = self.rng
        kind = rng.randrange(9)
        if kind == 0:
            return "".join(f"%{rng.randrange(256):02X}" for _ in range(rng.randrange(1, 40)))
        if kind == 1:
            return rng.choice("aZ9%.") * rng.choice([300, 2048, 8000, 20000])
        if kind == 2:
            ranges = [(0x80, 0x800), (0x1F600, 0x1F650), (0xE000, 0xFFFF)]
            points = [rng.randrange(*rng.choice(ranges)) for _ in range(rng.randrange(1, 8))]
            return urllib.parse.quote("".join(map(chr, points)), safe="")
        if kind == 3:
            return "é" if rng.random() < 0.5 else "\u00ff\u4e2d"  # raw (unencoded) UTF-8 in the request line
        if kind == 4:
            return ""
        if kind == 5:
            return "".join(rng.choice("abcXYZ019-_") for _ in range(rng.randrange(1, 12)))
        return rng.choice(_ODD_TEXTS)

    def value(self, depth=0):
        """A JSON value of any type, often not the type a member wants."""
        rng = self.rng
        kind = rng.randrange(12 if depth < 3 else 8)
        if kind == 0:
            return urllib.parse.unquote(self.text(), errors="replace")
        if kind == 1:
            return rng.choice([0, -1, 1, 2 ** 31, -(2 ** 63), 2 ** 64, 10 ** 30])
        if kind == 2:
            return rng.choice([0.5, -1e308, 1e-320, 3.14])
        if kind == 3:
            return rng.choice([True, False])
        if kind == 4:
            return None
        if kind == 5:
            return "x" * rng.choice([0, 1, 1000, 70000])
        if kind == 6:
            return rng.choice(_ODD_STRINGS)
        if kind == 7:
            return rng.choice(["2024-01-01T00:00:00Z", "REGIONAL", "EDGE", "PRIVATE", "MOCK", "HTTP", "GET", "ANY"])
        if kind in (8, 9):
            return [self.value(depth + 1) for _ in range(rng.randrange(4))]
        return {self.text()[:30]: self.value(depth + 1) for _ in range(rng.randrange(4))}

    def body(self, members=()):
        """A request body: truncated or mistyped JSON, huge numbers, deep nesting, bad UTF-8, noise."""
        rng = self.rng
        members = list(members) or ["name"]
        kind = rng.randrange(12)
        document = {name: self.value() for name in rng.sample(members, min(len(members), rng.randrange(1, 5)))}
        text = json.dumps(document).encode()
        if kind == 0:
            return text
        if kind == 1:
            return text[: rng.randrange(len(text))]
        if kind == 2:
            return rng.choice([b"[]", b'"x"', b"1", b"null", b"true", b"", b" ", b"{}", b"{,}", b"{'a': 1}"])
        if kind == 3:
            number = rng.choice([b"1e999999", b"-1e999999", b"1e-999999", b"9" * 50000, b"-" + b"9" * 50000,
                                 b"0." + b"0" * 50000 + b"1", b"-0", b"1E+2147483648", b"0x10", b"NaN", b"Infinity"])
            return b'{"%s": %s}' % (rng.choice(members).encode(), number)
        if kind == 4:
            depth = rng.choice([1000, 10000, 100000])
            return b"[" * depth + b"]" * depth
        if kind == 5:
            depth = rng.choice([1000, 10000, 50000])
            return b'{"a":' * depth + b"1" + b"}" * depth
        if kind == 6:
            bad = rng.choice([b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"\x80", b"\xe2\x82"])
            return b'{"%s": "a%sb"}' % (rng.choice(members).encode(), bad)
        if kind == 7:
            return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2000)))
        if kind == 8:
            name = rng.choice(members).encode()
            return b'{"%s": 1, "%s": "two", "%s": {"\\ud800": "\\udc00\\u0000"}}' % (name, name, name)
        if kind == 9:
            return text.replace(b'"', b"'") if rng.random() < 0.5 else text + b"garbage"
        if kind == 10:
            return b'{"%s": "%s"}' % (rng.choice(members).encode(), b"\\" * rng.choice([1, 3, 5]))
        return b""

    def query(self, names=()):
        """A raw query string: repeated keys, keys without `=`, bad escapes, wrong-type values."""
        rng = self.rng
        names = list(names) + ["limit", "position", "x"]
        parts = []
        for _ in range(rng.randrange(0, 6)):
            name = rng.choice(names)
            kind = rng.randrange(6)
            if kind == 0:
                parts.append(name)
            elif kind == 1:
                parts.append(f"{name}={self.text()}")
            elif kind == 2:
                parts += [f"{name}={self.text()}"] * 2
            elif kind == 3:
                parts.append(rng.choice(["=", "&", "%zz=1", "=v", "a=%", "a==b", "%00=%00", "a[]=1", ";"]))
            elif kind == 4:
                parts.append(f"{name}={rng.choice(['lots', '-1', '0', '1e3', '99999999999999999999', 'true', ''])}")
            else:
                parts.append(f"{name}={'9' * rng.choice([10, 1000, 20000])}")
        return "&".join(parts)

    def headers(self, names=()):
        """Headers: the operation's own with junk values, odd content types, long and non-ASCII values."""
        rng = self.rng
        headers = []
        if self.chance(0.7):
            headers.append(("Content-Type", rng.choice([
                "application/json", "application/json", "text/plain", "application/x-amz-json-1.1", "a/b/c", "",
                "application/json; charset=latin-1", "multipart/form-data; boundary=", "*/*", "application/xml",
            ])))
        for name in names:
            if self.chance(0.5):
                headers.append((name, self.text()[:5000]))
        for _ in range(rng.randrange(0, 3)):
            kind = rng.randrange(6)
            if kind == 0:
                headers.append(("X-Long", "v" * rng.choice([1000, 8000, 16000])))
            elif kind == 1:
                headers.append(("X-Latin", bytes(rng.randrange(0x80, 0x100) for _ in range(20))))
            elif kind == 2:
                headers.append(("X-Odd", rng.choice(["\t", "a\tb", "\x7f", "é", "\x01", " padded ", ""])))
            elif kind == 3:
                headers.append((rng.choice(["Accept", "Accept-Encoding", "Content-Encoding", "Expect"]),
                                rng.choice(["*/*", "gzip", "application/json;q=x", "100-continue", "br", "a/b/c"])))
            elif kind == 4:
                headers.append(("X-Amz-Date", rng.choice(["garbage", "20240101T000000Z", ""])))
            else:
                headers.append(("Authorization", rng.choice([
                    "AWS4-HMAC-SHA256", "Bearer", "x" * 5000,
                    "AWS4-HMAC-SHA256 Credential=/, SignedHeaders=, Signature=",
                ])))
        return headers


def operations(service_model):
    """Each operation of a botocore service model as a dict: name, method, path (with `{label}`s),
    literal query, and the names of its query, header and JSON body members."""
    found = []
    for name in service_model.operation_names:
        model = service_model.operation_model(name)
        path, _, literal_query = model.http["requestUri"].partition("?")
        query, headers, body = [], [], []
        shape = model.input_shape
        for member_name, member in (shape.members.items() if shape else []):
            location = member.serialization.get("location")
            location_name = member.serialization.get("name", member_name)
            if location == "querystring":
                query.append(location_name)
            elif location == "header":
                headers.append(location_name)
            elif location is None:
                body.append(location_name)
        found.append({"service": service_model.service_name, "name": name, "method": model.http["method"],
                      "path": path, "literal_query": literal_query, "query": query, "headers": headers,
                      "body": body})
    return found


def fill_path(path, known, junk):
    """`path` with its labels filled: a known value (a real id) or junk."""

    def label(matched):
        name = matched.group(1).rstrip("+")
        if name in known and junk.chance(0.7):
            return known[name]
        if matched.group(1).endswith("+") and junk.chance(0.5):
            return "/".join(junk.text() for _ in range(junk.rng.randrange(1, 4)))
        return junk.text()

    return re.sub(r"{([^}]+)}", label, path)
