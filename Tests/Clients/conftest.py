"""Starts the built Portico server on a free port for the whole session and gives tests boto3
clients (and an AWS CLI runner) pointed at it. State is reset before every test.

For the data plane (deployed REST APIs answering HTTP): the server runs the Lambda functions of
`functions/functions.json`; `upstream` is a local HTTP echo server for HTTP integrations; `invoke`
calls a deployed API in each of Portico's invocation forms; `rest_api` builds an API quickly."""

import contextlib
import http.client
import http.server
import json
import os
import pathlib
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import boto3
import pytest
from botocore.config import Config

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("PORTICO_BINARY", str(ROOT / ".build" / "debug" / "portico"))
FUNCTIONS = pathlib.Path(__file__).resolve().parent / "functions" / "functions.json"
REGION = "us-east-1"
CREDENTIALS = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
# No retries and short timeouts: a hang or a retried 5xx must fail a test, not slow it down.
CLIENT_CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=15)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Portico:
    def __init__(self, port, process):
        self.port = port
        self.process = process
        self.endpoint = f"http://127.0.0.1:{port}"

    def request(self, method, path, body=None, headers=None):
        """A raw HTTP request; returns (status, headers, body bytes) for any status."""
        request = urllib.request.Request(self.endpoint + path, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def json(self, method, path, body=None, headers=None):
        status, headers, data = self.request(method, path, body, headers)
        return status, headers, json.loads(data) if data else None


@contextlib.contextmanager
def serving(*flags):
    """Runs the built server on a free port with `flags` until the block ends."""
    if not os.path.exists(BINARY):
        pytest.exit(f"the server binary {BINARY} does not exist: run `swift build` (Scripts/test does)", 2)
    port = free_port()
    process = subprocess.Popen(
        [BINARY, "--port", str(port), "--log-level", "warning", *flags],
        stdout=subprocess.PIPE, stderr=sys.stderr, text=True,
    )
    ready = process.stdout.readline()
    if "ready" not in ready:
        process.kill()
        pytest.exit(f"portico {' '.join(flags)} did not start: {ready!r}", 2)
    yield Portico(port, process)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        raise


@pytest.fixture(scope="session")
def portico():
    with serving("--functions", str(FUNCTIONS)) as server:
        yield server


@pytest.fixture(autouse=True)
def reset(portico):
    status, _, _ = portico.request("POST", "/_portico/reset")
    assert status == 200


def make_client(portico, service, region=REGION):
    return boto3.client(
        service, endpoint_url=portico.endpoint, region_name=region, config=CLIENT_CONFIG, **CREDENTIALS
    )


@pytest.fixture
def apigateway(portico):
    return make_client(portico, "apigateway")


@pytest.fixture
def apigatewayv2(portico):
    return make_client(portico, "apigatewayv2")


@pytest.fixture
def management(portico):
    return make_client(portico, "apigatewaymanagementapi")


@pytest.fixture
def aws(portico):
    """Runs the AWS CLI against Portico; returns the parsed JSON output, or raises with stderr."""

    def run(*arguments, expect_failure=False):
        environment = dict(
            os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION=REGION,
            AWS_MAX_ATTEMPTS="1", AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
        )
        aws_binary = pathlib.Path(sys.executable).parent / "aws"
        completed = subprocess.run(
            [str(aws_binary), "--endpoint-url", portico.endpoint, "--output", "json", *arguments],
            capture_output=True, text=True, env=environment, timeout=60,
        )
        if expect_failure:
            assert completed.returncode != 0, completed.stdout
            return completed.stderr
        assert completed.returncode == 0, completed.stderr
        return json.loads(completed.stdout) if completed.stdout.strip() else None

    return run


# --- data plane: an upstream for HTTP integrations ------------------------------------------------


class _UpstreamHandler(http.server.BaseHTTPRequestHandler):
    """Answers every method with JSON {method, path, query (raw), headers (lowercased names), body}.
    `/status/{code}/...` answers with that status; `/slow/{seconds}/...` sleeps first."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *arguments):
        pass

    def _read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _answer(self):
        body = self._read_body()
        path, _, query = self.path.partition("?")
        parts = path.split("/")
        status = 200
        if len(parts) > 2 and parts[1] == "status":
            status = int(parts[2])
        elif len(parts) > 2 and parts[1] == "slow":
            time.sleep(float(parts[2]))
        headers = {}
        for name, value in self.headers.items():
            name = name.lower()
            headers[name] = f"{headers[name]},{value}" if name in headers else value
        payload = json.dumps({
            "method": self.command, "path": path, "query": query, "headers": headers,
            "body": body.decode("utf-8", "replace"),
        }).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("Connection", "keep-alive")
            self.send_header("X-Upstream", "echo")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = _answer


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a gateway that timed out and closed the connection is expected


class Upstream:
    def __init__(self, server):
        self.server = server
        self.port = server.server_address[1]
        self.host = f"127.0.0.1:{self.port}"
        self.url = f"http://{self.host}"


@pytest.fixture(scope="session")
def upstream():
    server = _QuietServer(("127.0.0.1", 0), _UpstreamHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Upstream(server)
    server.shutdown()
    server.server_close()


# --- data plane: calling deployed APIs ------------------------------------------------------------


class Answer:
    """What a deployed API answered: status, headers (an email.message.Message: case-insensitive
    `headers["x-amzn-requestid"]`, None when absent) and the body bytes. Unpacks as a 3-tuple."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def __iter__(self):
        return iter((self.status, self.headers, self.body))

    @property
    def text(self):
        return self.body.decode()

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"Answer({self.status}, {dict(self.headers.items())}, {self.body[:500]!r})"


class Invoker:
    """Calls deployed APIs on the Portico listener, in each invocation form:
    - "path":   /restapis/{apiId}/{stage}/_user_request_/{path}
    - "aws":    /_aws/execute-api/{apiId}/{stage}/{path}
    - "host":   /{stage}/{path} with Host {apiId}.execute-api.localhost:{port}
    and custom domains (`domain`). `headers` is a dict or a list of (name, value) pairs (to repeat
    a name); `body` is bytes, text, or a dict/list sent as JSON (Content-Type application/json
    unless given); `query` is a raw query string without the `?`."""

    FORMS = ("path", "aws", "host")

    def __init__(self, port):
        self.port = port

    def request(self, method, target, headers=None, body=None, timeout=15):
        pairs = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
        names = {name.lower() for name, _ in pairs}
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            if "content-type" not in names:
                pairs.append(("Content-Type", "application/json"))
        elif isinstance(body, str):
            body = body.encode()
        if body is None and method in ("POST", "PUT", "PATCH"):
            body = b""
        if body is not None and "content-length" not in names:
            pairs.append(("Content-Length", str(len(body))))
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.putrequest(method, target, skip_host="host" in names, skip_accept_encoding=True)
            for name, value in pairs:
                connection.putheader(name, value)
            connection.endheaders(body)
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()

    def target(self, form, api_id, stage, path):
        """The request target (and extra headers) of `path` on a stage in one invocation form."""
        path = path if path.startswith("/") else "/" + path
        if form == "path":
            return f"/restapis/{api_id}/{stage}/_user_request_{path}", []
        if form == "aws":
            return f"/_aws/execute-api/{api_id}/{stage}{path}", []
        if form == "host":
            return f"/{stage}{path}", [("Host", f"{api_id}.execute-api.localhost:{self.port}")]
        raise ValueError(form)

    def __call__(self, api_id, path="/", method="GET", *, stage="test", form="path", query=None, headers=None,
                 body=None, timeout=15):
        target, extra = self.target(form, api_id, stage, path)
        if query is not None:
            target += "?" + query
        pairs = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
        return self.request(method, target, extra + pairs, body, timeout)

    def domain(self, host, path="/", method="GET", *, query=None, headers=None, body=None, timeout=15):
        """A request to a custom domain name: `Host: {host}`, the path as given."""
        target = path + ("?" + query if query is not None else "")
        pairs = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
        return self.request(method, target, [("Host", host)] + pairs, body, timeout)


@pytest.fixture
def invoke(portico):
    return Invoker(portico.port)


# --- data plane: building APIs --------------------------------------------------------------------


def lambda_uri(function, region=REGION):
    """The integration URI of a function of functions/functions.json."""
    arn = f"arn:aws:lambda:{region}:000000000000:function:{function}"
    return f"arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations"


def deploy(apigateway, api_id, stage="test", **options):
    """CreateDeployment to `stage` (created if missing); returns the deployment."""
    return apigateway.create_deployment(restApiId=api_id, stageName=stage, **options)


class RestApi:
    """A REST API under construction: resources by path (created on first use), methods with
    their integrations, and deployments."""

    def __init__(self, apigateway, name="data-plane"):
        self.client = apigateway
        created = apigateway.create_rest_api(name=name)
        self.id = created["id"]
        self.resource_ids = {"/": created["rootResourceId"]}

    def resource(self, path):
        """The id of the resource at `path` (like "/pets/{id}"), creating what is missing."""
        path = "/" + path.strip("/")
        if path not in self.resource_ids:
            parent, _, part = path.rpartition("/")
            created = self.client.create_resource(restApiId=self.id, parentId=self.resource(parent or "/"), pathPart=part)
            self.resource_ids[path] = created["id"]
        return self.resource_ids[path]

    def target(self, path, http_method="GET"):
        return {"restApiId": self.id, "resourceId": self.resource(path), "httpMethod": http_method}

    def method(self, path, http_method="GET", **options):
        options.setdefault("authorizationType", "NONE")
        target = self.target(path, http_method)
        self.client.put_method(**target, **options)
        return target

    def response(self, target, status="200", *, pattern=None, template=None, templates=None, parameters=None,
                 content_type="application/json"):
        """A method response and its integration response; `parameters` are the integration
        response's responseParameters (the method response declares each of them)."""
        method_response = {}
        if parameters:
            method_response["responseParameters"] = {name: False for name in parameters}
        self.client.put_method_response(**target, statusCode=status, **method_response)
        integration_response = {}
        if pattern is not None:
            integration_response["selectionPattern"] = pattern
        if template is not None:
            integration_response["responseTemplates"] = {content_type: template}
        if templates is not None:
            integration_response["responseTemplates"] = templates
        if parameters:
            integration_response["responseParameters"] = parameters
        self.client.put_integration_response(**target, statusCode=status, **integration_response)
        return target

    def mock(self, path, http_method="GET", template=None, *, request_template='{"statusCode": 200}',
             method_options=None, integration_options=None, **response_options):
        """A MOCK method answering 200 with `template` rendered as its body."""
        target = self.method(path, http_method, **(method_options or {}))
        integration = dict(integration_options or {})
        if request_template is not None:
            integration.setdefault("requestTemplates", {"application/json": request_template})
        self.client.put_integration(**target, type="MOCK", **integration)
        return self.response(target, "200", template=template, **response_options)

    def http(self, path, http_method, uri, *, proxy=True, integration_method="ANY", method_options=None,
             **integration_options):
        """An HTTP_PROXY (or, with proxy=False, an HTTP integration with a default 200 response)."""
        target = self.method(path, http_method, **(method_options or {}))
        self.client.put_integration(
            **target, type="HTTP_PROXY" if proxy else "HTTP", integrationHttpMethod=integration_method, uri=uri,
            **integration_options,
        )
        if not proxy:
            self.response(target, "200")
        return target

    def lambda_proxy(self, path, http_method, function, *, method_options=None, **integration_options):
        target = self.method(path, http_method, **(method_options or {}))
        integration_options.setdefault("integrationHttpMethod", "POST")
        self.client.put_integration(**target, type="AWS_PROXY", uri=lambda_uri(function), **integration_options)
        return target

    def lambda_aws(self, path, http_method, function, *, method_options=None, **integration_options):
        """A non-proxy Lambda integration; add its integration responses with `response`."""
        target = self.method(path, http_method, **(method_options or {}))
        self.client.put_integration(
            **target, type="AWS", integrationHttpMethod="POST", uri=lambda_uri(function), **integration_options
        )
        return target

    def deploy(self, stage="test", **options):
        return deploy(self.client, self.id, stage, **options)


@pytest.fixture
def rest_api(apigateway):
    return RestApi(apigateway)
