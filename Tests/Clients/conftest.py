"""Starts the built Portico server on a free port for the whole session and gives tests boto3
clients (and an AWS CLI runner) pointed at it. State is reset before every test."""

import json
import os
import pathlib
import socket
import subprocess
import sys
import time
import urllib.request

import boto3
import pytest
from botocore.config import Config

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("PORTICO_BINARY", str(ROOT / ".build" / "debug" / "portico"))
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


@pytest.fixture(scope="session")
def portico():
    if not os.path.exists(BINARY):
        pytest.exit(f"the server binary {BINARY} does not exist: run `swift build` (Scripts/test does)", 2)
    port = free_port()
    process = subprocess.Popen(
        [BINARY, "--port", str(port), "--log-level", "warning"], stdout=subprocess.PIPE, stderr=sys.stderr, text=True
    )
    ready = process.stdout.readline()
    if "ready" not in ready:
        process.kill()
        pytest.exit(f"portico did not start: {ready!r}", 2)
    server = Portico(port, process)
    yield server
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        raise


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
