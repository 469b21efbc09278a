"""More of the REST data plane, as AWS API Gateway does it: TestInvokeMethod on an API's current
(undeployed) definition, canary releases of a stage, binary media types and content handling,
and the two forwarding options of the server: `--lambda-endpoint` (functions not declared locally
go to a Lambda Invoke API) and `--aws-endpoint` (AWS service integrations are sent there, SigV4
signed). The last two run against a second Portico process started on a recording fake."""

import base64
import http.server
import json
import threading
import time
import urllib.parse

import pytest
from botocore.exceptions import ClientError

from aws_answers import error_of
from conftest import Invoker, RestApi, make_client, serving

PNG = b"\x89PNG\r\n\x1a\n\x00\xff"


# --- TestInvokeMethod ----------------------------------------------------------------------------


def run_test_invoke(rest_api, target, path=None, **options):
    arguments = dict(target)
    if path is not None:
        arguments["pathWithQueryString"] = path
    return rest_api.client.test_invoke_method(**arguments, **options)


def test_test_invoke_runs_an_undeployed_mock(rest_api):
    target = rest_api.mock("/pets", "GET", '{"pets": "all"}')
    assert rest_api.client.get_deployments(restApiId=rest_api.id)["items"] == []
    result = run_test_invoke(rest_api, target, "/pets", body="", headers={"Accept": "application/json"})
    assert result["status"] == 200, result
    assert json.loads(result["body"]) == {"pets": "all"}
    assert result["headers"] == {"Content-Type": "application/json"}
    assert result["multiValueHeaders"] == {"Content-Type": ["application/json"]}
    assert isinstance(result["latency"], int) and result["latency"] >= 0
    log = result["log"]
    assert log.startswith("Execution log for request "), log
    assert "Starting execution for request:" in log
    assert "HTTP Method: GET, Resource Path: /pets" in log
    assert "Method completed with status: 200" in log


def test_test_invoke_takes_path_parameters_from_the_path_and_stage_variables(rest_api):
    target = rest_api.mock(
        "/pets/{petId}", "GET", '{"petId": "$input.params(\'petId\')", "q": "$input.params(\'q\')", '
        '"env": "$stageVariables.env"}',
    )
    result = run_test_invoke(rest_api, target, "/pets/123?q=dogs", stageVariables={"env": "dev"})
    assert result["status"] == 200, result
    assert json.loads(result["body"]) == {"petId": "123", "q": "dogs", "env": "dev"}
    assert "Method request path: {petId=123}" in result["log"]
    assert "HTTP Method: GET, Resource Path: /pets/123" in result["log"]


def test_test_invoke_with_a_path_that_does_not_fit_the_resource_has_no_path_parameters(rest_api):
    target = rest_api.method("/pets/{petId}", "GET", requestParameters={"method.request.path.petId": True})
    rest_api.client.put_integration(**target, type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'})
    rest_api.response(target, "200", template='{"petId": "$input.params(\'petId\')"}')
    unfit = run_test_invoke(rest_api, target, "/random/test", body="")
    assert unfit["status"] == 200, unfit
    assert unfit["body"] == '{"petId": ""}'
    assert "HTTP Method: GET, Resource Path: /random/test" in unfit["log"]
    assert "Method request path: {}" in unfit["log"]
    assert 'Method response body after transformations: {"petId": ""}' in unfit["log"]
    fit = run_test_invoke(rest_api, target, "/pets/123", body="")
    assert fit["body"] == '{"petId": "123"}'
    assert "Method request path: {petId=123}" in fit["log"]
    # Without a path, the resource's own path stands in.
    bare = run_test_invoke(rest_api, target, body="")
    assert bare["body"] == '{"petId": "{petId}"}'
    assert "Method request path: {petId={petId}}" in bare["log"]


def test_test_invoke_of_a_verb_served_by_any(rest_api):
    # The verb's method, else the resource's ANY, as deployed traffic is routed; the log names the
    # verb the caller gave.
    target = rest_api.method("/", "ANY")
    rest_api.client.put_integration(
        **target, type="HTTP_PROXY", integrationHttpMethod="ANY", uri="https://${stageVariables.testHost}"
    )
    result = rest_api.client.test_invoke_method(restApiId=rest_api.id, resourceId=target["resourceId"],
                                                httpMethod="GET", body="")
    assert result["status"] == 500, result
    assert json.loads(result["body"]) == {"message": "Internal server error"}
    assert result["headers"] == {"x-amzn-ErrorType": "InternalServerErrorException"}
    assert result["multiValueHeaders"] == {"x-amzn-ErrorType": ["InternalServerErrorException"]}
    lines = [line.split(" : ", 1)[-1] for line in result["log"].splitlines()[1:]]
    assert lines == [
        f"Starting execution for request: {lines[0].rsplit(' ', 1)[-1]}",
        "HTTP Method: GET, Resource Path: /",
        "Method request path: {}",
        "Method request query string: {}",
        "Method request headers: {}",
        "Method request body before transformations: ",
        "Execution failed due to configuration error: Invalid endpoint address",
        "Method completed with status: 500",
    ]
    # A verb with neither its own method nor ANY stays unknown.
    other = rest_api.method("/only", "GET")
    rest_api.method("/only", "POST")
    with pytest.raises(ClientError) as excinfo:
        rest_api.client.test_invoke_method(restApiId=rest_api.id, resourceId=other["resourceId"], httpMethod="HEAD")
    assert error_of(excinfo) == ("NotFoundException", "Invalid Method identifier specified")


def test_test_invoke_of_an_unreachable_http_integration_is_an_internal_error(rest_api):
    target = rest_api.http("/broken", "GET", "http://127.0.0.1:1/x", proxy=False, integration_method="GET")
    result = run_test_invoke(rest_api, target, "/broken")
    assert result["status"] == 500, result
    assert json.loads(result["body"]) == {"message": "Internal server error"}
    assert result["headers"] == {"x-amzn-ErrorType": "InternalServerErrorException"}
    assert "Method completed with status: 500" in result["log"]


def test_test_invoke_of_an_unknown_resource_or_method(rest_api):
    target = rest_api.mock("/pets", "GET", "{}")
    with pytest.raises(ClientError) as unknown_resource:
        rest_api.client.test_invoke_method(restApiId=rest_api.id, resourceId="nosuch", httpMethod="GET")
    assert error_of(unknown_resource) == ("NotFoundException", "Invalid Resource identifier specified")
    with pytest.raises(ClientError) as unknown_method:
        rest_api.client.test_invoke_method(restApiId=rest_api.id, resourceId=target["resourceId"], httpMethod="POST")
    assert error_of(unknown_method) == ("NotFoundException", "Invalid Method identifier specified")


def test_test_invoke_sees_edits_made_after_a_deployment(invoke, rest_api):
    target = rest_api.mock("/pets", "GET", '{"version": "deployed"}')
    rest_api.deploy()
    rest_api.client.put_integration_response(
        **target, statusCode="200", responseTemplates={"application/json": '{"version": "edited"}'}
    )
    result = run_test_invoke(rest_api, target, "/pets")
    assert result["status"] == 200, result
    assert json.loads(result["body"]) == {"version": "edited"}
    deployed = invoke(rest_api.id, "/pets")
    assert deployed.status == 200, deployed
    assert deployed.json() == {"version": "deployed"}


# --- canary releases -----------------------------------------------------------------------------


@pytest.fixture
def canary(rest_api):
    """GET /color on stage test: deployment A says "stable"; a canary deployment says "canary"."""
    target = rest_api.mock(
        "/color", "GET",
        '{"version": "stable", "canary": "$context.isCanaryRequest", "color": "$stageVariables.color", '
        '"size": "$stageVariables.size"}',
    )
    rest_api.deploy(variables={"color": "red", "size": "L"})
    rest_api.client.put_integration_response(
        **target, statusCode="200", responseTemplates={"application/json": (
            '{"version": "canary", "canary": "$context.isCanaryRequest", "color": "$stageVariables.color", '
            '"size": "$stageVariables.size"}'
        )},
    )
    rest_api.deploy(canarySettings={"percentTraffic": 100.0, "stageVariableOverrides": {"color": "blue"}})
    return rest_api


def test_all_traffic_to_the_canary(invoke, canary):
    for _ in range(8):
        answer = invoke(canary.id, "/color")
        assert answer.status == 200, answer
        assert answer.json() == {"version": "canary", "canary": "true", "color": "blue", "size": "L"}


def test_no_traffic_to_the_canary(invoke, canary):
    canary.client.update_stage(
        restApiId=canary.id, stageName="test",
        patchOperations=[{"op": "replace", "path": "/canarySettings/percentTraffic", "value": "0.0"}],
    )
    for _ in range(8):
        answer = invoke(canary.id, "/color")
        assert answer.status == 200, answer
        assert answer.json() == {"version": "stable", "canary": "false", "color": "red", "size": "L"}


# --- binary media types --------------------------------------------------------------------------


def binary_api(apigateway, media_types):
    """A RestApi (of conftest) created with binaryMediaTypes."""
    api = RestApi.__new__(RestApi)
    created = apigateway.create_rest_api(name="binary", binaryMediaTypes=media_types)
    api.client = apigateway
    api.id = created["id"]
    api.resource_ids = {"/": created["rootResourceId"]}
    return api


def test_a_binary_request_body_reaches_a_proxy_function_base64_encoded(invoke, apigateway):
    api = binary_api(apigateway, ["image/png"])
    api.lambda_proxy("/upload", "POST", "echo-event")
    api.deploy()
    answer = invoke(api.id, "/upload", "POST", body=PNG, headers={"Content-Type": "image/png"})
    assert answer.status == 200, answer
    event = json.loads(answer.body)
    assert event["isBase64Encoded"] is True
    assert event["body"] == base64.b64encode(PNG).decode()


def test_a_text_request_body_reaches_a_proxy_function_as_it_is(invoke, apigateway):
    api = binary_api(apigateway, ["image/png"])
    api.lambda_proxy("/upload", "POST", "echo-event")
    api.deploy()
    answer = invoke(api.id, "/upload", "POST", body="plain words", headers={"Content-Type": "text/plain"})
    assert answer.status == 200, answer
    event = json.loads(answer.body)
    assert event["isBase64Encoded"] is False
    assert event["body"] == "plain words"


@pytest.fixture
def binary_respond(apigateway):
    api = binary_api(apigateway, ["image/png"])
    api.lambda_proxy("/respond", "POST", "respond")
    api.deploy()
    encoded = base64.b64encode(PNG).decode()
    request = {"response": {"statusCode": 200, "body": encoded, "isBase64Encoded": True}}
    return lambda invoke, headers: invoke(api.id, "/respond", "POST", body=request, headers=headers)


def test_a_base64_proxy_response_is_decoded_for_a_binary_accept(invoke, binary_respond):
    answer = binary_respond(invoke, {"Accept": "image/png"})
    assert answer.status == 200, answer
    assert answer.body == PNG


def test_a_base64_proxy_response_stays_text_without_a_binary_accept(invoke, binary_respond):
    answer = binary_respond(invoke, {})
    assert answer.status == 200, answer
    assert answer.body == base64.b64encode(PNG)


def test_convert_to_text_base64_encodes_a_binary_integration_response(invoke, apigateway, upstream):
    # The upstream answers application/json: listed in binaryMediaTypes, its body is binary data.
    api = binary_api(apigateway, ["application/json"])
    target = api.method("/data", "GET")
    apigateway.put_integration(
        **target, type="HTTP", integrationHttpMethod="GET", uri=f"{upstream.url}/data", passthroughBehavior="WHEN_NO_MATCH"
    )
    apigateway.put_method_response(**target, statusCode="200")
    apigateway.put_integration_response(**target, statusCode="200", contentHandling="CONVERT_TO_TEXT")
    api.deploy()
    answer = invoke(api.id, "/data")
    assert answer.status == 200, answer
    decoded = base64.b64decode(answer.body, validate=True)
    assert answer.body == base64.b64encode(decoded)
    seen = json.loads(decoded)
    assert (seen["method"], seen["path"]) == ("GET", "/data")


def test_convert_to_text_leaves_a_text_integration_response_alone(invoke, rest_api, upstream):
    # AWS's content type conversion table: with no binaryMediaTypes, CONVERT_TO_TEXT on the
    # integration response gives the UTF-8 text unchanged (only binary data is base64-encoded).
    target = rest_api.method("/data", "GET")
    rest_api.client.put_integration(**target, type="HTTP", integrationHttpMethod="GET", uri=f"{upstream.url}/data")
    rest_api.client.put_method_response(**target, statusCode="200")
    rest_api.client.put_integration_response(**target, statusCode="200", contentHandling="CONVERT_TO_TEXT")
    rest_api.deploy()
    answer = invoke(rest_api.id, "/data")
    assert answer.status == 200, answer
    seen = answer.json()
    assert (seen["method"], seen["path"]) == ("GET", "/data")


# --- a second server: --lambda-endpoint and --aws-endpoint ---------------------------------------


class _RecordingHandler(http.server.BaseHTTPRequestHandler):
    """Records each request (method, path, query, lowercased headers, body) and answers:
    the Lambda Invoke API for /2015-03-31/functions/{name}/invocations (function `boom` fails),
    an SQS-like XML answer for anything else."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *arguments):
        pass

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        if "/slow/" in path:
            time.sleep(2)
        self.server.requests.append({
            "method": self.command, "path": path, "query": query,
            "headers": {name.lower(): value for name, value in self.headers.items()}, "body": body,
        })
        headers = {}
        parts = path.split("/")
        if len(parts) == 5 and parts[1] == "2015-03-31" and parts[2] == "functions" and parts[4] == "invocations":
            name = urllib.parse.unquote(parts[3]).split(":function:")[-1].split(":")[0]
            if name == "boom":
                headers["X-Amz-Function-Error"] = "Unhandled"
                payload = json.dumps({"errorMessage": "boom", "errorType": "Error"}).encode()
            else:
                payload = json.dumps({"statusCode": 200, "body": "from endpoint"}).encode()
            headers["Content-Type"] = "application/json"
        else:
            payload = b"<SendMessageResponse><MessageId>m-1</MessageId></SendMessageResponse>"
            headers["Content-Type"] = "text/xml"
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = _answer


class _RecordingServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


@pytest.fixture(scope="module")
def fake_aws():
    server = _RecordingServer(("127.0.0.1", 0), _RecordingHandler)
    server.requests = []
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def forwarding_portico(fake_aws):
    """A second Portico sending undeclared functions and AWS integrations to `fake_aws`."""
    with serving("--lambda-endpoint", fake_aws.url, "--aws-endpoint", fake_aws.url) as server:
        yield server


@pytest.fixture
def forwarding(forwarding_portico, fake_aws):
    """(a RestApi on the second server, an Invoker for it, the fake's recorded requests)."""
    fake_aws.requests.clear()
    client = make_client(forwarding_portico, "apigateway")
    return RestApi(client, name="forwarding"), Invoker(forwarding_portico.port), fake_aws.requests


def test_lambda_endpoint_receives_undeclared_functions(forwarding):
    api, invoke, requests = forwarding
    api.lambda_proxy("/remote", "GET", "remote-fn")
    api.deploy()
    answer = invoke(api.id, "/remote", query="x=1")
    assert answer.status == 200, answer
    assert answer.body == b"from endpoint"
    [request] = requests
    assert request["method"] == "POST"
    assert request["path"].startswith("/2015-03-31/functions/")
    assert request["path"].endswith("/invocations")
    assert "remote-fn" in urllib.parse.unquote(request["path"])
    event = json.loads(request["body"])
    assert event["httpMethod"] == "GET"
    assert event["path"] == "/remote"
    assert event["queryStringParameters"] == {"x": "1"}


def test_lambda_endpoint_function_error_is_502(forwarding):
    api, invoke, requests = forwarding
    api.lambda_proxy("/boom", "GET", "boom")
    api.deploy()
    answer = invoke(api.id, "/boom")
    assert answer.status == 502, answer
    assert answer.json() == {"message": "Internal server error"}
    assert len(requests) == 1 and "boom" in urllib.parse.unquote(requests[0]["path"])


def sqs_integration(api, uri, **options):
    target = api.method("/send", "POST")
    api.client.put_integration(
        **target, type="AWS", integrationHttpMethod="POST", uri=uri, **options,
        credentials="arn:aws:iam::000000000000:role/apigateway-sqs",
        requestTemplates={"application/json": "Action=SendMessage&MessageBody=$input.body"},
        requestParameters={"integration.request.header.Content-Type": "'application/x-www-form-urlencoded'"},
    )
    api.response(target, "200")
    api.deploy()
    return target


def test_aws_endpoint_receives_signed_service_requests(forwarding):
    api, invoke, requests = forwarding
    sqs_integration(api, "arn:aws:apigateway:us-east-1:sqs:path/000000000000/my-queue")
    answer = invoke(api.id, "/send", "POST", body='{"hello": "world"}', headers={"Content-Type": "application/json"})
    assert answer.status == 200, answer
    assert answer.body == b"<SendMessageResponse><MessageId>m-1</MessageId></SendMessageResponse>"
    [request] = requests
    assert request["method"] == "POST"
    assert request["path"] == "/000000000000/my-queue"
    authorization = request["headers"].get("authorization", "")
    assert authorization.startswith("AWS4-HMAC-SHA256 Credential="), authorization
    assert "/us-east-1/sqs/aws4_request" in authorization
    assert "SignedHeaders=" in authorization and "Signature=" in authorization
    assert request["headers"].get("x-amz-date")
    assert request["headers"].get("content-type") == "application/x-www-form-urlencoded"
    assert request["body"] == b'Action=SendMessage&MessageBody={"hello": "world"}'


def test_aws_endpoint_action_uri_puts_the_action_in_the_query(forwarding):
    api, invoke, requests = forwarding
    sqs_integration(api, "arn:aws:apigateway:us-east-1:sqs:action/SendMessage")
    answer = invoke(api.id, "/send", "POST", body='{"n": 1}', headers={"Content-Type": "application/json"})
    assert answer.status == 200, answer
    [request] = requests
    assert urllib.parse.parse_qs(request["query"]).get("Action") == ["SendMessage"]
    assert "/us-east-1/sqs/aws4_request" in request["headers"].get("authorization", "")


def test_aws_endpoint_slower_than_the_integration_timeout_is_504(forwarding):
    # The integration's timeoutInMillis holds for AWS service integrations as for HTTP ones.
    api, invoke, requests = forwarding
    sqs_integration(api, "arn:aws:apigateway:us-east-1:sqs:path/000000000000/slow/queue", timeoutInMillis=300)
    started = time.monotonic()
    answer = invoke(api.id, "/send", "POST", body='{"n": 1}', headers={"Content-Type": "application/json"})
    assert answer.status == 504, answer
    assert answer.json() == {"message": "Endpoint request timed out"}
    assert time.monotonic() - started < 1.8


def test_aws_integration_without_an_aws_endpoint_is_an_internal_error(invoke, rest_api):
    sqs_integration(rest_api, "arn:aws:apigateway:us-east-1:sqs:path/000000000000/my-queue")
    answer = invoke(rest_api.id, "/send", "POST", body='{"hello": "world"}', headers={"Content-Type": "application/json"})
    assert answer.status == 500, answer
    assert answer.json() == {"message": "Internal server error"}
