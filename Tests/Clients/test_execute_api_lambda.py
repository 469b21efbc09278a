"""Lambda integrations of deployed REST APIs, served by the functions of functions/functions.json:
the AWS_PROXY event and how proxy responses (well-formed or not) come back, and non-proxy (AWS)
integrations with templates, error selection patterns, crashes and timeouts, as AWS API Gateway
does them."""

import json
import time

import pytest

from aws_answers import ACCOUNT


def assert_bad_gateway(answer):
    assert answer.status == 502, answer
    assert answer.json() == {"message": "Internal server error"}


def event_of(answer):
    assert answer.status == 200, answer
    assert answer.headers["x-function"] == "echo"
    return json.loads(answer.body)


@pytest.fixture
def echo(rest_api):
    """ANY /pets/{id} and ANY /{proxy+} on the echo-event function, deployed to stage test."""
    rest_api.lambda_proxy("/pets/{id}", "ANY", "echo-event")
    rest_api.lambda_proxy("/{proxy+}", "ANY", "echo-event")
    rest_api.deploy()
    return rest_api


@pytest.fixture
def respond(rest_api):
    """POST /respond answering what the request body asks for (see functions/respond.py)."""
    rest_api.lambda_proxy("/respond", "POST", "respond")
    rest_api.deploy()
    return lambda invoke, request: invoke(rest_api.id, "/respond", "POST", body=request)


# --- the AWS_PROXY event -------------------------------------------------------------------------


def test_proxy_event_describes_the_request(invoke, echo):
    answer = invoke(
        echo.id, "/pets/7", query="a=1&a=2&b=x",
        headers=[("tEsT-HEADeR", "aValUE"), ("X-Multi", "one"), ("X-Multi", "two"), ("User-Agent", "portico-tests")],
    )
    event = event_of(answer)
    assert answer.headers["X-Amzn-Trace-Id"]
    assert answer.headers["x-amzn-RequestId"] and answer.headers["x-amz-apigw-id"]
    assert event["resource"] == "/pets/{id}"
    assert event["path"] == "/pets/7"
    assert event["httpMethod"] == "GET"
    assert event["pathParameters"] == {"id": "7"}
    assert event["queryStringParameters"] == {"a": "2", "b": "x"}
    assert event["multiValueQueryStringParameters"] == {"a": ["1", "2"], "b": ["x"]}
    assert event["headers"]["tEsT-HEADeR"] == "aValUE"
    assert event["multiValueHeaders"]["tEsT-HEADeR"] == ["aValUE"]
    assert event["headers"]["X-Multi"] == "two"
    assert event["multiValueHeaders"]["X-Multi"] == ["one", "two"]
    assert event["body"] is None
    assert event["isBase64Encoded"] is False
    assert event["stageVariables"] is None


def test_proxy_event_request_context(invoke, echo):
    before = int(time.time() * 1000)
    answer = invoke(echo.id, "/pets/7", "DELETE", headers={"User-Agent": "portico-tests"})
    after = int(time.time() * 1000)
    context = event_of(answer)["requestContext"]
    stage = echo.client.get_stage(restApiId=echo.id, stageName="test")
    assert context["accountId"] == ACCOUNT
    assert context["apiId"] == echo.id
    assert context["resourceId"] == echo.resource("/pets/{id}")
    assert context["resourcePath"] == "/pets/{id}"
    assert context["httpMethod"] == "DELETE"
    assert context["path"] == "/test/pets/7"
    assert context["stage"] == "test"
    assert context["deploymentId"] == stage["deploymentId"]
    assert context["requestId"] == answer.headers["x-amzn-RequestId"]
    assert context["protocol"] == "HTTP/1.1"
    assert context["identity"]["sourceIp"] == "127.0.0.1"
    assert context["identity"]["userAgent"] == "portico-tests"
    assert before - 1000 <= context["requestTimeEpoch"] <= after + 1000
    assert isinstance(context["requestTime"], str) and context["requestTime"].endswith(" +0000")
    assert isinstance(context["domainName"], str)


def test_proxy_event_carries_the_body_and_stage_variables(invoke, rest_api):
    rest_api.lambda_proxy("/pets", "POST", "echo-event")
    rest_api.deploy(variables={"env": "dev"})
    event = event_of(invoke(rest_api.id, "/pets", "POST", body='{"name": "Rex"}', headers={"Content-Type": "application/json"}))
    assert event["body"] == '{"name": "Rex"}'
    assert event["headers"]["Content-Type"] == "application/json"
    assert event["stageVariables"] == {"env": "dev"}
    assert event["isBase64Encoded"] is False


def test_proxy_event_without_query_or_path_parameters_has_nulls(invoke, rest_api):
    rest_api.lambda_proxy("/pets", "GET", "echo-event")
    rest_api.deploy()
    event = event_of(invoke(rest_api.id, "/pets"))
    assert event["queryStringParameters"] is None
    assert event["multiValueQueryStringParameters"] is None
    assert event["pathParameters"] is None
    assert event["resource"] == "/pets"


def test_proxy_event_of_a_greedy_resource(invoke, echo):
    event = event_of(invoke(echo.id, "/cats/a/b/"))
    assert event["resource"] == "/{proxy+}"
    assert event["path"] == "/cats/a/b/"
    assert event["pathParameters"] == {"proxy": "cats/a/b"}
    assert event["requestContext"]["resourcePath"] == "/{proxy+}"


def test_proxy_event_query_strings_are_decoded(invoke, echo):
    event = event_of(invoke(echo.id, "/anything", query="plus=a+b&encoded=%2B1&space=c%20d"))
    assert event["queryStringParameters"] == {"plus": "a b", "encoded": "+1", "space": "c d"}


# --- proxy responses -----------------------------------------------------------------------------


def test_proxy_response_status_headers_and_body(invoke, respond):
    answer = respond(invoke, {"response": {
        "statusCode": 201, "headers": {"X-Made": "yes", "header-bool": True}, "body": "created", "isBase64Encoded": False,
    }})
    assert answer.status == 201, answer
    assert answer.headers["X-Made"] == "yes"
    assert answer.headers["header-bool"] == "true"
    assert answer.body == b"created"


def test_proxy_response_status_code_may_be_a_string(invoke, respond):
    answer = respond(invoke, {"response": {"statusCode": "202", "body": "accepted"}})
    assert answer.status == 202, answer
    assert answer.body == b"accepted"


def test_proxy_response_without_a_body_is_empty_json(invoke, respond):
    for response in ({"statusCode": 200}, {"statusCode": 200, "headers": None}, {"headers": {"X-Only": "headers"}}):
        answer = respond(invoke, {"response": response})
        assert answer.status == 200, (response, answer)
        assert answer.body == b""
        assert answer.headers["Content-Type"] == "application/json"


def test_proxy_response_multi_value_headers_are_joined(invoke, respond):
    answer = respond(invoke, {"response": {"statusCode": 200, "multiValueHeaders": {"test-multi": ["value1", "value2"]}}})
    assert answer.status == 200, answer
    assert answer.headers["test-multi"] == "value1, value2"


def test_proxy_response_headers_and_multi_value_headers_merge(invoke, respond):
    answer = respond(invoke, {"response": {
        "statusCode": 200, "multiValueHeaders": {"tesT-Multi": ["value-multi"]}, "headers": {"test-multi": "value-solo"},
    }})
    assert answer.status == 200, answer
    assert answer.headers.get_all("test-multi") == ["value-multi, value-solo"]
    assert "tesT-Multi" in answer.headers.keys()


def test_proxy_response_base64_body_is_not_decoded_without_binary_media_types(invoke, respond):
    answer = respond(invoke, {"response": {"statusCode": 200, "body": "dGVzdC1kYXRh", "isBase64Encoded": True}})
    assert answer.status == 200, answer
    assert answer.body == b"dGVzdC1kYXRh"


@pytest.mark.parametrize(
    "request_body",
    [
        pytest.param({"raw": "this is not JSON"}, id="not-json"),
        pytest.param({"raw": ""}, id="empty"),
        pytest.param({"raw": "null"}, id="null"),
        pytest.param({"response": "justAString"}, id="bare-string"),
        pytest.param({"response": [200]}, id="array"),
        pytest.param({"response": {"statusCode": "test"}}, id="bad-status-code"),
        pytest.param({"response": {"statusCode": 200, "wrongValue": "value"}}, id="unknown-field"),
        pytest.param({"response": {"statusCode": 200, "multiValueHeaders": {"x-bad": "value1"}}}, id="bad-multi-value"),
    ],
)
def test_a_malformed_proxy_response_is_502(invoke, respond, request_body):
    assert_bad_gateway(respond(invoke, request_body))


@pytest.mark.parametrize("function", ["fail", "crash", "sleepy"])
def test_a_failing_proxy_function_is_502(invoke, rest_api, function):
    rest_api.lambda_proxy("/broken", "GET", function)
    rest_api.deploy()
    started = time.monotonic()
    assert_bad_gateway(invoke(rest_api.id, "/broken"))
    assert time.monotonic() - started < 4.5  # sleepy is stopped at its 1-second timeout


def test_an_unknown_function_is_an_internal_error(invoke, rest_api):
    rest_api.lambda_proxy("/missing", "GET", "no-such-function")
    rest_api.deploy()
    answer = invoke(rest_api.id, "/missing")
    assert answer.status == 500, answer
    assert answer.json() == {"message": "Internal server error"}
    assert answer.headers["x-amzn-ErrorType"] == "InternalServerErrorException"


def test_a_proxy_integration_with_get_as_its_method_is_an_internal_error(invoke, rest_api):
    rest_api.lambda_proxy("/get", "GET", "echo-event", integrationHttpMethod="GET")
    rest_api.deploy()
    answer = invoke(rest_api.id, "/get")
    assert answer.status == 500, answer
    assert answer.json() == {"message": "Internal server error"}


# --- non-proxy (AWS) integrations ----------------------------------------------------------------


def test_aws_integration_passes_the_body_through_without_a_template(invoke, rest_api):
    target = rest_api.lambda_aws("/payload", "POST", "echo-payload")
    rest_api.response(target, "200")
    rest_api.deploy()
    answer = invoke(rest_api.id, "/payload", "POST", body={"message": "hello world"})
    assert answer.status == 200, answer
    assert answer.json() == {"message": "hello world"}
    assert answer.headers["Content-Type"] == "application/json"


def test_aws_integration_request_template_maps_the_payload(invoke, rest_api):
    target = rest_api.lambda_aws(
        "/pets/{id}", "POST", "echo-payload",
        requestTemplates={"application/json": (
            '{"id": "$input.params(\'id\')", "name": $input.json(\'$.name\'), "stage": "$context.stage"}'
        )},
    )
    rest_api.response(target, "200", template='{"echoed": $input.json(\'$\')}')
    rest_api.deploy()
    answer = invoke(rest_api.id, "/pets/7", "POST", body={"name": "Rex", "ignored": True})
    assert answer.status == 200, answer
    assert answer.json() == {"echoed": {"id": "7", "name": "Rex", "stage": "test"}}


@pytest.fixture
def selecting(rest_api):
    """POST /{function} on a non-proxy integration of that function, with error selection patterns."""
    for function in ("echo-payload", "fail", "crash", "sleepy"):
        target = rest_api.lambda_aws(f"/{function}", "POST", function)
        rest_api.response(target, "200")
        rest_api.response(
            target, "400", pattern="Bad request.*",
            template='{"error": "$input.path(\'$.errorMessage\')", "type": "$input.path(\'$.errorType\')"}',
        )
        rest_api.response(target, "500", pattern=".*exit status 2.*")
        rest_api.response(target, "504", pattern=".*Task timed out.*")
    rest_api.deploy()
    return rest_api


def test_aws_integration_error_message_selects_a_response_and_its_template(invoke, selecting):
    answer = invoke(selecting.id, "/fail", "POST", body={})
    assert answer.status == 400, answer
    assert answer.json() == {"error": "Bad request: id missing", "type": "ValueError"}


def test_aws_integration_crash_is_a_runtime_exit_error(invoke, selecting):
    answer = invoke(selecting.id, "/crash", "POST", body={})
    assert answer.status == 500, answer
    error = answer.json()
    assert error["errorType"] == "Runtime.ExitError"
    assert "exit status 2" in error["errorMessage"]


def test_aws_integration_timeout_is_a_task_timed_out_error(invoke, selecting):
    started = time.monotonic()
    answer = invoke(selecting.id, "/sleepy", "POST", body={})
    assert time.monotonic() - started < 4.5
    assert answer.status == 504, answer
    assert "Task timed out after 1.00 seconds" in answer.json()["errorMessage"]


def test_aws_integration_error_without_a_matching_pattern_takes_the_default_response(invoke, rest_api):
    target = rest_api.lambda_aws("/fail", "POST", "fail")
    rest_api.response(target, "200")
    rest_api.deploy()
    answer = invoke(rest_api.id, "/fail", "POST", body={})
    assert answer.status == 200, answer
    error = answer.json()
    assert error["errorMessage"] == "Bad request: id missing"
    assert error["errorType"] == "ValueError"
