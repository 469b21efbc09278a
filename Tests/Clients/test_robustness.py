"""Nothing a client sends can crash, hang or stall the server: hostile mapping templates, long
numbers and bad JSON in deployed APIs, huge and malformed control-plane input, CPU-heavy requests
next to cheap ones, shutdown during a runaway render, and seeded random malformed traffic.

These tests run on a Portico of this module's own (`own_server`), started again whenever it died
or stopped answering, so that one crash fails one test here instead of every suite after it."""

import contextlib
import json
import os
import select
import signal
import subprocess
import threading
import time
import urllib.parse

import boto3
import botocore.exceptions
import botocore.session
import pytest
from botocore.config import Config

from conftest import BINARY, CREDENTIALS, REGION, RestApi, free_port, serving
from robustness_inputs import (
    BODY, Malformed, NoAnswer, exchange, fill_path, long_sum, negations, nested_calls, nested_ifs, nested_lists,
    nested_maps, nested_parentheses, operations,
)

TIMEOUT = 20  # seconds a request may take before it counts as a hang
STATUS_JSON = '{"statusCode": 200}'
INTERNAL_ERROR = {"message": "Internal server error"}
RUNAWAY = {
    "squares": "#set($x = 2)#foreach($i in [1..40])#set($x = $x * $x)#end$x",
    "string": "#set($s = 'ab')#foreach($i in [1..40])#set($s = \"$s$s\")#end$s.length()",
    "list": "#set($l = [1])#foreach($i in [1..40])#set($x = $l.addAll($l))#end$l.size()",
    # A regular expression that backtracks exponentially (ICU, like Java's engine, backtracks).
    "regex": "#set($s = '" + "a" * 40 + "!')$s.replaceAll('(a*)*b', 'x')",
}
# Templates that keep a core busy until the render's budget ends them: what the liveness and
# shutdown tests run beside cheap requests.
BUSY = {
    "loops": "#foreach($i in [1..1000])#foreach($j in [1..1000])#set($x = $j)#end#end$x",
    "regex": RUNAWAY["regex"],
}


# --- a server of our own, and saying how it failed -----------------------------------------------


def exit_text(code):
    if code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit status {code}"


def how(server, error):
    """What went wrong: a crash (with the signal) or, while the process still runs, the client's error."""
    try:
        code = server.process.wait(timeout=1)
    except subprocess.TimeoutExpired:
        return f"{error} (the server process is still running)"
    return f"the server crashed ({exit_text(code)}); the client saw: {error}"


def failure(message):
    """A test failure that reads alone, without the chain of exceptions that led to it."""
    return pytest.fail.Exception(message, pytrace=False)


class OwnServer:
    """This module's Portico: started on first use, and again when it crashed, stopped answering, or
    was left with work that may still run (`suspect`: a request that got no answer)."""

    def __init__(self):
        self.stack = None
        self.server = None

    def get(self):
        if self.server is None or getattr(self.server, "suspect", False) or not answers(self.server):
            self.stop()
            self.stack = contextlib.ExitStack()
            self.server = self.stack.enter_context(serving())
        return self.server

    def stop(self):
        if self.stack is not None:
            try:
                self.stack.close()
            except subprocess.TimeoutExpired:
                self.server.process.wait(timeout=10)  # it ignored SIGTERM and was killed
        self.stack = self.server = None


def answers(server, timeout=5):
    if server.process.poll() is not None:
        return False
    try:
        return exchange(server.port, "GET", "/_portico/health", timeout=timeout).status == 200
    except NoAnswer:
        return False


@pytest.fixture(scope="module")
def own_server():
    holder = OwnServer()
    yield holder
    holder.stop()


@pytest.fixture
def server(own_server):
    server = own_server.get()
    assert exchange(server.port, "POST", "/_portico/reset", timeout=10).status == 200
    return server


def client_of(server, service="apigateway", read_timeout=TIMEOUT):
    config = Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=read_timeout)
    return boto3.client(service, endpoint_url=server.endpoint, region_name=REGION, config=config, **CREDENTIALS)


@pytest.fixture
def gateway(server):
    return client_of(server)


@pytest.fixture
def api(gateway):
    return RestApi(gateway, name="robustness")


@contextlib.contextmanager
def surviving(server, doing):
    """Turns a boto3 call that found no server into a failure that says whether it crashed."""
    try:
        yield
    except (botocore.exceptions.HTTPClientError, botocore.exceptions.ConnectionError) as error:
        raise failure(f"{doing}: {how(server, error)}") from None


def call(server, method, target, headers=(), body=None, timeout=TIMEOUT):
    """One raw request; fails the test, saying how, when no proper HTTP answer comes back."""
    try:
        return exchange(server.port, method, target, headers, body, timeout)
    except NoAnswer as error:
        server.suspect = True
        raise failure(f"{method} {target[:200]}: {how(server, error)}") from None


def assert_healthy(server, after):
    reply = call(server, "GET", "/_portico/health", timeout=5)
    assert reply.status == 200, f"health after {after}: {reply}"


def assert_internal_error(reply):
    assert reply.status == 500, reply
    assert reply.json() == INTERNAL_ERROR, reply


def deployed_call(server, api, *, response=None, request=STATUS_JSON, method="GET", headers=(), body=None):
    """Deploys a MOCK method with these templates at /t and calls it once."""
    with surviving(server, "deploying the templates"):
        api.mock("/t", method, response, request_template=request)
        api.deploy()
    return call(server, method, f"/restapis/{api.id}/test/_user_request_/t", headers, body)


# --- A1: nesting ---------------------------------------------------------------------------------

DEEP = [
    ("ifs-1000", nested_ifs(1000)),
    ("parentheses-1000", nested_parentheses(1000)),
    ("lists-1000", nested_lists(1000)),
    ("maps-10000", nested_maps(10000)),
    ("calls-10000", nested_calls(10000)),
]


@pytest.mark.parametrize("place", ["response", "request"])
@pytest.mark.parametrize("template", [template for _, template in DEEP], ids=[name for name, _ in DEEP])
def test_a_template_nested_too_deep_is_an_internal_error(server, api, place, template):
    # Velocity gives up on such a template (its parser overflows); API Gateway answers 500. The server
    # must not overflow its own stack parsing or rendering it.
    if place == "response":
        reply = deployed_call(server, api, response=template.replace(BODY, "$!x"))
    else:
        reply = deployed_call(server, api, response="ok", request=template.replace(BODY, STATUS_JSON))
    assert_healthy(server, "the deep template")
    assert_internal_error(reply)


def test_a_chain_of_100000_negations_renders(server, api):
    # Not nesting: `!!…!true` with an even count is true.
    reply = deployed_call(server, api, response=negations(100_000, "even") + negations(100_001, "odd"))
    assert_healthy(server, "the negations")
    assert reply.status == 200, reply
    assert reply.body == b"even"


def test_a_sum_of_100000_terms_answers(server, api):
    # Velocity may render it or give up: either is fine, dying or hanging is not.
    reply = deployed_call(server, api, response=long_sum(100_000).replace(BODY, "$x"))
    assert_healthy(server, "the long sum")
    assert reply.status in (200, 500), reply
    if reply.status == 200:
        assert reply.body == b"100000"
    else:
        assert reply.json() == INTERNAL_ERROR


MODERATE = [
    ("ifs-20", nested_ifs(20, "deep"), "deep"),
    ("parentheses-20", nested_parentheses(20).replace(BODY, "$x"), "1"),
    ("lists-20", nested_lists(20).replace(BODY, "$x"), "[" * 20 + "]" * 20),
    ("maps-20", nested_maps(20).replace(BODY, "$x"), "{a=" * 20 + "1" + "}" * 20),
    ("calls-20", nested_calls(20).replace(BODY, "$x"), "x"),
    ("negations-20", negations(20, "yes"), "yes"),
]


@pytest.mark.parametrize("template, output", [case[1:] for case in MODERATE], ids=[case[0] for case in MODERATE])
def test_moderate_nesting_still_renders(server, api, template, output):
    reply = deployed_call(server, api, response=template)
    assert reply.status == 200, reply
    assert reply.body.decode() == output


# --- A2: collections that contain themselves -----------------------------------------------------


@pytest.mark.parametrize("template, output", [
    ("#set($l = [])#set($x = $l.add($l))$l", "[(this Collection)]"),
    ("#set($m = {})#set($x = $m.put('k', $m))$m", "{k=(this Map)}"),
], ids=["list", "map"])
def test_a_collection_that_contains_itself_renders_as_java_does(server, api, template, output):
    reply = deployed_call(server, api, response=template)
    assert_healthy(server, "rendering a self-containing collection")
    assert reply.status == 200, reply
    assert reply.body.decode() == output


def test_a_longer_cycle_is_an_internal_error(server, api):
    # Java's toString only spots a collection containing itself directly; a longer cycle overflows
    # its stack, which API Gateway answers 500.
    reply = deployed_call(server, api, response="#set($a = [])#set($b = [$a])#set($x = $a.add($b))$a")
    assert_healthy(server, "rendering a cycle")
    assert_internal_error(reply)


# --- A3: arithmetic that traps in Swift ----------------------------------------------------------


@pytest.mark.parametrize("template, output", [
    ("#set($x = -9223372036854775808 / -1)$x", "-9223372036854775808"),
    ("#set($x = -9223372036854775808 % -1)$x", "0"),
    ("#set($a = -9223372036854775807)#set($a = $a - 1)#set($x = $a / -1)$x", "-9223372036854775808"),
], ids=["division", "remainder", "computed-minimum"])
def test_overflowing_integer_division_wraps_as_java_does(server, api, template, output):
    # Velocity 1.7 divides longs as Java does: Long.MIN_VALUE / -1 wraps to itself (checked with
    # the reference engine in Scripts/vtl-oracle).
    reply = deployed_call(server, api, response=template)
    assert_healthy(server, "an overflowing division")
    assert reply.status == 200, reply
    assert reply.body.decode() == output


@pytest.mark.parametrize("template, status, body", [
    (nested_ifs(1000).replace(BODY, "x"), 500, '{"message":"Internal server error"}'),
    ("#set($x = -9223372036854775808 / -1)$x", 200, "-9223372036854775808"),
    ("#set($l = [])#set($x = $l.add($l))$l", 200, "[(this Collection)]"),
], ids=["deep", "division", "self"])
def test_test_invoke_method_survives_hostile_templates(server, api, gateway, template, status, body):
    # TestInvokeMethod compiles and renders the API's current definition in the control plane.
    with surviving(server, "defining the method"):
        target = api.mock("/t", "GET", template)
    with surviving(server, "TestInvokeMethod"):
        answer = gateway.test_invoke_method(**target)
    assert_healthy(server, "TestInvokeMethod")
    assert (answer["status"], answer["body"]) == (status, body), answer


# --- A4: status overrides ------------------------------------------------------------------------


def override(status):
    return f'#set($context.responseOverride.status = {status}){{"status": "{status}"}}'


@pytest.mark.parametrize("status", [99999999999, 0, -1, 1000, 600])
def test_an_override_status_outside_http_is_an_internal_error(server, api, status):
    reply = deployed_call(server, api, response=override(status))
    assert_healthy(server, f"overriding the status with {status}")
    assert_internal_error(reply)


def test_an_override_status_of_100_is_not_an_interim_answer(server, api):
    # `exchange` refuses an interim 1xx left as the final answer; any final answer will do here.
    reply = deployed_call(server, api, response=override(100))
    assert_healthy(server, "overriding the status with 100")
    assert 200 <= reply.status <= 599, reply


@pytest.mark.parametrize("status", [404, 201])
def test_an_override_status_is_the_answer(server, api, status):
    reply = deployed_call(server, api, response=override(status))
    assert reply.status == status, reply
    assert reply.json() == {"status": str(status)}


# --- A5: runaway work ----------------------------------------------------------------------------


@pytest.mark.parametrize("template", list(RUNAWAY.values()), ids=list(RUNAWAY))
def test_runaway_work_is_cut_short(server, api, template):
    reply = deployed_call(server, api, response=template)
    print(f"answered {reply.status} in {reply.seconds:.2f} s")
    assert_healthy(server, "a runaway template")
    assert_internal_error(reply)


# --- A6, A7: request bodies seen by templates ----------------------------------------------------


def echoed_body(reply):
    """What the echo upstream received as the body."""
    assert reply.status == 200, reply
    return json.loads(reply.body)["body"]


@pytest.mark.parametrize("number", [b"1234567890" * 10_000, b"0." + b"0" * 99_998 + b"1"], ids=["integer", "decimal"])
def test_a_100000_digit_number_passes_through_a_template_as_written(server, api, upstream, number):
    with surviving(server, "deploying"):
        api.http("/echo", "POST", f"{upstream.url}/echo", proxy=False, integration_method="POST",
                 requestTemplates={"application/json": "$input.json('$')"})
        api.deploy()
    body = b'{"n":' + number + b"}"
    reply = call(server, "POST", f"/restapis/{api.id}/test/_user_request_/echo",
                 [("Content-Type", "application/json")], body)
    print(f"answered {reply.status} in {reply.seconds:.2f} s")
    assert "".join(echoed_body(reply).split()) == body.decode()


@pytest.mark.parametrize("body", [b'{"a": ', b"[" * 10_000 + b"]" * 10_000], ids=["truncated", "nested-10000"])
@pytest.mark.parametrize("expression", ["$input.json('$')", "$input.path('$.a')"])
def test_a_body_that_is_not_json_is_a_400_for_a_template_reading_it(server, api, expression, body):
    reply = deployed_call(server, api, response="ok", request=f"#set($x = {expression}){STATUS_JSON}", method="POST",
                          headers=[("Content-Type", "application/json")], body=body)
    assert_healthy(server, "an unparseable body")
    assert reply.status == 400, reply
    assert reply.json()["message"].startswith("Could not parse request body into json"), reply


# --- B8: a huge import ---------------------------------------------------------------------------


def test_importing_10000_paths(server):
    integration = {"type": "mock", "requestTemplates": {"application/json": STATUS_JSON},
                   "responses": {"default": {"statusCode": "200"}}}
    document = {
        "openapi": "3.0.1", "info": {"title": "wide", "version": "1"},
        "paths": {f"/p{index}": {"get": {"responses": {"200": {"description": "ok"}},
                                         "x-amazon-apigateway-integration": integration}} for index in range(10_000)},
    }
    client = client_of(server, read_timeout=120)
    started = time.monotonic()
    with surviving(server, "importing 10,000 paths"):
        imported = client.import_rest_api(body=json.dumps(document).encode())
    print(f"imported 10,000 paths in {time.monotonic() - started:.2f} s")
    started = time.monotonic()
    with surviving(server, "listing 10,001 resources"):
        pages = client.get_paginator("get_resources").paginate(restApiId=imported["id"],
                                                                PaginationConfig={"PageSize": 500})
        paths = [item["path"] for page in pages for item in page["items"]]
    print(f"listed them in {time.monotonic() - started:.2f} s")
    assert len(paths) == 10_001
    assert len(set(paths)) == 10_001


# --- B9: bodies that are not UTF-8 ---------------------------------------------------------------

LOAD_BALANCER = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/robust/1"
NOT_UTF8 = {
    "CreateApiKey": ("POST", "/apikeys", b'{"name": "\xff\xfe"}'),
    "CreateVpcLink": ("POST", "/vpclinks", b'{"name": "\xff\xfe", "targetArns": ["' + LOAD_BALANCER.encode() + b'"]}'),
    "CreateUsagePlan": ("POST", "/usageplans", b'{"name": "\xff\xfe"}'),
    "TagResource": ("PUT", "/tags/{arn}", b'{"tags": {"k": "\xff"}}'),
    "UpdateGatewayResponse": ("PATCH", "/restapis/{api}/gatewayresponses/DEFAULT_4XX",
                              b'{"patchOperations": [{"op": "replace", "path": "/statusCode", "value": "\xff"}]}'),
    "CreateRestApi": ("POST", "/restapis", b'{"name": "\xff\xfe"}'),
}


@pytest.mark.parametrize("operation", list(NOT_UTF8))
def test_a_body_that_is_not_utf8_is_a_serialization_error(server, gateway, operation):
    existing = gateway.create_rest_api(name="existing")
    arn = f"arn:aws:apigateway:{REGION}::/restapis/{existing['id']}"
    method, path, body = NOT_UTF8[operation]
    path = path.format(arn=urllib.parse.quote(arn, safe=""), api=existing["id"])
    before = gateway.get_gateway_response(restApiId=existing["id"], responseType="DEFAULT_4XX")
    before.pop("ResponseMetadata")
    reply = call(server, method, path, [("Content-Type", "application/json")], body)
    assert reply.status == 400, reply
    assert reply.headers["x-amzn-ErrorType"] == "SerializationException", reply
    # Nothing was created or changed.
    assert gateway.get_api_keys()["items"] == []
    assert gateway.get_vpc_links()["items"] == []
    assert gateway.get_usage_plans()["items"] == []
    assert [item["id"] for item in gateway.get_rest_apis()["items"]] == [existing["id"]]
    assert gateway.get_tags(resourceArn=arn).get("tags", {}) == {}
    after = gateway.get_gateway_response(restApiId=existing["id"], responseType="DEFAULT_4XX")
    after.pop("ResponseMetadata")
    assert after == before


# --- C10: cheap requests answer while heavy ones run ---------------------------------------------


@pytest.mark.parametrize("heavy", [2, 8])
def test_health_and_cheap_requests_answer_while_runaway_requests_run(server, gateway, heavy):
    runaway = RestApi(gateway, name="runaway")
    cheap = RestApi(gateway, name="cheap")
    with surviving(server, "deploying"):
        for name, template in BUSY.items():
            runaway.mock(f"/{name}", "GET", template)
        runaway.deploy()
        cheap.mock("/cheap", "GET", "cheap")
        cheap.deploy()
    outcomes = [None] * heavy

    def run(index):
        name = list(BUSY)[index % len(BUSY)]
        try:
            reply = exchange(server.port, "GET", f"/restapis/{runaway.id}/test/_user_request_/{name}", timeout=TIMEOUT)
            outcomes[index] = f"{reply.status} in {reply.seconds:.1f} s"
        except NoAnswer as error:
            outcomes[index] = f"no answer: {error}"

    threads = [threading.Thread(target=run, args=(index,), daemon=True) for index in range(heavy)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)  # the heavy requests have reached the server
    latencies, health_failures, cheap_outcome = [], [], None
    deadline = time.monotonic() + TIMEOUT + 5
    while any(thread.is_alive() for thread in threads) and time.monotonic() < deadline:
        started = time.monotonic()
        try:
            status = exchange(server.port, "GET", "/_portico/health", timeout=2).status
            latencies.append(time.monotonic() - started)
            if status != 200:
                health_failures.append(f"status {status}")
        except NoAnswer as error:
            latencies.append(time.monotonic() - started)
            health_failures.append(str(error))
        if cheap_outcome is None:
            try:
                reply = exchange(server.port, "GET", f"/restapis/{cheap.id}/test/_user_request_/cheap", timeout=5)
                cheap_outcome = (reply.status, reply.body, round(reply.seconds, 2))
            except NoAnswer as error:
                cheap_outcome = str(error)
        time.sleep(0.1)
    for thread in threads:
        thread.join(timeout=TIMEOUT + 5)
    server.suspect = True  # renders the clients gave up on may still be running
    print(f"{len(latencies)} health checks, the slowest {max(latencies, default=0):.3f} s; cheap: {cheap_outcome}; "
          f"heavy: {outcomes}")
    assert server.process.poll() is None, how(server, "after the runaway requests")
    assert not health_failures, f"{len(health_failures)} of {len(latencies)} health checks failed: {health_failures}"
    assert isinstance(cheap_outcome, tuple) and cheap_outcome[:2] == (200, b"cheap"), cheap_outcome
    # How the runaway requests themselves end is test_runaway_work_is_cut_short's business.


# --- C11: shutdown during runaway work -----------------------------------------------------------


def test_sigterm_ends_the_server_while_runaway_requests_run():
    port = free_port()
    process = subprocess.Popen([BINARY, "--port", str(port), "--log-level", "warning"], stdout=subprocess.PIPE,
                               text=True)
    try:
        ready, _, _ = select.select([process.stdout], [], [], 15)
        assert ready and "ready" in process.stdout.readline(), "the server did not start"
        client = boto3.client("apigateway", endpoint_url=f"http://127.0.0.1:{port}", region_name=REGION,
                              config=Config(retries={"max_attempts": 1}, read_timeout=TIMEOUT), **CREDENTIALS)
        runaway = RestApi(client, name="runaway")
        for name, template in BUSY.items():
            runaway.mock(f"/{name}", "GET", template)
        runaway.deploy()

        def run(name):
            with contextlib.suppress(NoAnswer):
                exchange(port, "GET", f"/restapis/{runaway.id}/test/_user_request_/{name}", timeout=TIMEOUT)

        threads = [threading.Thread(target=run, args=(name,), daemon=True) for name in list(BUSY) * 4]
        for thread in threads:
            thread.start()
        time.sleep(1)
        process.terminate()
        started = time.monotonic()
        try:
            code = process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            raise failure("the server did not exit within 15 s of SIGTERM while rendering runaway templates") from None
        print(f"exited ({exit_text(code)}) {time.monotonic() - started:.2f} s after SIGTERM")
        for thread in threads:
            thread.join(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        process.stdout.close()


# --- D: random malformed traffic -----------------------------------------------------------------

# Another seed or count (to explore further, or to reproduce a run) from the environment.
SEED = int(os.environ.get("ROBUSTNESS_SEED", "20240607"))
REQUESTS = int(os.environ.get("ROBUSTNESS_REQUESTS", "3000"))
SECONDS = 60
DATA_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


def prepare(server):
    """Real things for labels to point at, and a deployed MOCK API for the data plane."""
    gateway = client_of(server)
    target = RestApi(gateway, name="fuzzed")
    target.mock("/pets/{id}", "GET", "{\"id\": \"$input.params('id')\", \"a\": $input.json('$.a')}",
                request_template=f"#set($a = $input.json('$')){STATUS_JSON}")
    deployment = target.deploy()
    key = gateway.create_api_key(name="key")
    plan = gateway.create_usage_plan(name="plan")
    known = {
        "restapi_id": target.id, "resource_id": target.resource("/pets/{id}"), "parent_id": target.resource("/"),
        "http_method": "GET", "status_code": "200", "stage_name": "test", "deployment_id": deployment["id"],
        "api_Key": key["id"], "keyId": key["id"], "usageplanId": plan["id"], "response_type": "DEFAULT_4XX",
        "export_type": "oas30", "sdk_type": "javascript",
        "resource_arn": urllib.parse.quote(f"arn:aws:apigateway:{REGION}::/restapis/{target.id}", safe=""),
    }
    data = RestApi(gateway, name="data-plane")
    data.mock("/", "GET", '{"root": true}')
    data.mock("/pets/{id}", "GET", "{\"id\": \"$util.escapeJavaScript($input.params('id'))\"}")
    data.mock("/pets/{id}", "POST", '{"posted": true}', request_template=f"#set($a = $input.path('$.a')){STATUS_JSON}")
    data.mock("/{proxy+}", "ANY", "{\"proxy\": \"$util.escapeJavaScript($input.params().path.proxy)\"}",
              request_template=f"#set($a = $input.json('$')){STATUS_JSON}")
    data.deploy()
    return known, data.id


def control_request(junk, operation, known):
    method = operation["method"] if junk.chance(0.9) else junk.rng.choice(DATA_METHODS)
    target = fill_path(operation["path"], known, junk)
    query = "&".join(part for part in (operation["literal_query"], junk.query(operation["query"])) if part)
    if query or junk.chance(0.1):
        target += "?" + query
    body = junk.body(operation["body"]) if method in ("POST", "PUT", "PATCH") or junk.chance(0.1) else None
    return method, target, junk.headers(operation["headers"]), body


def data_request(junk, api_id, port):
    rng = junk.rng
    api = api_id if junk.chance(0.8) else junk.text()
    stage = "test" if junk.chance(0.8) else junk.text()
    if junk.chance(0.4):
        path = "pets/" + rng.choice(["7", junk.text()])
    else:
        path = "/".join(rng.choice(["pets", "7", junk.text()]) for _ in range(rng.randrange(0, 4)))
    headers = junk.headers(["X-Name"])
    form = rng.randrange(3)
    if form == 0:
        operation, target = "data plane: path form", f"/restapis/{api}/{stage}/_user_request_/{path}"
    elif form == 1:
        operation, target = "data plane: /_aws form", f"/_aws/execute-api/{api}/{stage}/{path}"
    else:
        operation, target = "data plane: host form", f"/{stage}/{path}"
        headers.append(("Host", f"{api}.execute-api.localhost:{port}"))
    if junk.chance(0.6):
        target += "?" + junk.query(["q", "id"])
    method = rng.choice(DATA_METHODS)
    body = junk.body(["a", "name"]) if method in ("POST", "PUT", "PATCH") or junk.chance(0.1) else None
    return operation, method, target, headers, body


def reproduction(method, target, headers, body):
    shown = target if len(target) <= 200 else f"{target[:200]}… ({len(target)} chars)"
    odd = [(name, value if len(value) <= 60 else f"{value[:60]!r}… ({len(value)})") for name, value in headers]
    text = f"{method} {shown} headers={odd}"
    if body is not None:
        text += f" body={body[:200]!r}" + (f"… ({len(body)} bytes)" if len(body) > 200 else "")
    return text


def symptom(data_plane, method, reply):
    """What is wrong with an answer, or None: the control plane never answers 5xx (501 aside); a
    deployed API's 500 is only the plain internal error; nothing takes more than 5 s."""
    if reply.seconds > 5:
        return "slow answer (over 5 s)"
    if data_plane:
        if reply.status == 500 and method != "HEAD":
            try:
                plain = json.loads(reply.body) == INTERNAL_ERROR
            except ValueError:
                plain = False
            if not plain:
                return f"500 with body {reply.body[:80]!r}"
        return None
    if reply.status >= 500 and reply.status != 501:
        return f"{reply.status} {reply.headers.get('x-amzn-ErrorType')}"
    return None


def test_random_malformed_requests_get_proper_answers(own_server):
    session = botocore.session.get_session()
    catalog = [operation for service in ("apigateway", "apigatewayv2")
               for operation in operations(session.get_service_model(service))]
    junk = Malformed(SEED)
    server = own_server.get()
    assert exchange(server.port, "POST", "/_portico/reset", timeout=10).status == 200
    known, data_api = prepare(server)
    failures = {}  # (operation, symptom) -> [count, reproduction]
    statuses = {}
    restarts = sent = 0
    started = time.monotonic()

    def record(operation, what, request):
        entry = failures.setdefault((operation, what), [0, reproduction(*request)])
        entry[0] += 1

    for number in range(1, REQUESTS + 1):
        if time.monotonic() - started > SECONDS or restarts > 10:
            break
        if junk.chance(0.25):
            operation, *request = data_request(junk, data_api, server.port)
            data_plane = True
        else:
            chosen = junk.rng.choice(catalog)
            operation, request, data_plane = chosen["name"], control_request(junk, chosen, known), False
        sent += 1
        try:
            reply = exchange(server.port, *request, timeout=10)
        except NoAnswer as error:
            try:
                code = server.process.wait(timeout=1)
                record(operation, f"crash ({exit_text(code)})", request)
            except subprocess.TimeoutExpired:
                record(operation, f"no answer: {str(error).split(' (')[0][:60]}", request)
            reply = None
        else:
            statuses[reply.status] = statuses.get(reply.status, 0) + 1
            what = symptom(data_plane, request[0], reply)
            if what:
                record(operation, what, request)
        if reply is None or number % 200 == 0:
            if not answers(server):
                if reply is not None:
                    record(operation, "health check failed afterwards", request)
                restarts += 1
                server = own_server.get()
                known, data_api = prepare(server)
    print(f"{sent} requests in {time.monotonic() - started:.1f} s, {restarts} restarts; "
          f"statuses {sorted(statuses.items())}")
    report = [f"{operation}: {what} (x{count}) — {request}"
              for (operation, what), (count, request) in failures.items()]
    for line in report:
        print(line)
    assert not failures, f"{len(failures)} distinct failures:\n" + "\n".join(report)
