"""HTTP and HTTP_PROXY integrations of deployed REST APIs against a local upstream (the `upstream`
echo server of conftest): what the upstream receives, how its answers come back, parameter
mappings, templates, passthrough, timeouts and stage variables in URIs, as AWS API Gateway does."""

import json

import pytest


def upstream_saw(answer):
    """The request the echo upstream received, from an answer that passed its body through."""
    assert answer.status < 500, answer
    return answer.json()


# --- HTTP_PROXY ----------------------------------------------------------------------------------


def test_http_proxy_forwards_method_query_headers_and_body(invoke, rest_api, upstream):
    rest_api.http("/echo", "ANY", f"{upstream.url}/echo")
    rest_api.deploy()
    answer = invoke(
        rest_api.id, "/echo", "PUT", query="x=1&x=2&y=z", body="hello upstream",
        headers={"Content-Type": "text/plain", "X-Client": "yes"},
    )
    assert answer.status == 200, answer
    seen = answer.json()
    assert seen["method"] == "PUT"
    assert seen["path"] == "/echo"
    assert seen["query"] == "x=1&x=2&y=z"
    assert seen["headers"]["x-client"] == "yes"
    assert seen["headers"]["content-type"] == "text/plain"
    assert seen["body"] == "hello upstream"


def test_http_proxy_uses_the_integration_method_when_it_is_not_any(invoke, rest_api, upstream):
    rest_api.http("/echo", "ANY", f"{upstream.url}/echo", integration_method="POST")
    rest_api.deploy()
    for verb in ("GET", "PUT"):
        assert upstream_saw(invoke(rest_api.id, "/echo", verb))["method"] == "POST"


def test_http_proxy_maps_a_greedy_path_into_the_uri(invoke, rest_api, upstream):
    rest_api.http(
        "/{proxy+}", "ANY", f"{upstream.url}/echo/{{proxy}}",
        method_options={"requestParameters": {"method.request.path.proxy": True}},
        requestParameters={"integration.request.path.proxy": "method.request.path.proxy"},
    )
    rest_api.deploy()
    seen = upstream_saw(invoke(rest_api.id, "/a/b/c", query="page=2"))
    assert seen["path"] == "/echo/a/b/c"
    assert seen["query"] == "page=2"


@pytest.mark.parametrize("status", [201, 400, 404, 503])
def test_http_proxy_passes_the_upstream_status_through(invoke, rest_api, upstream, status):
    rest_api.http("/status", "GET", f"{upstream.url}/status/{status}")
    rest_api.deploy()
    answer = invoke(rest_api.id, "/status")
    assert answer.status == status, answer
    assert answer.json()["path"] == f"/status/{status}"


def test_http_proxy_remaps_the_upstream_reserved_headers(invoke, rest_api, upstream):
    rest_api.http("/echo", "GET", f"{upstream.url}/echo")
    rest_api.deploy()
    answer = invoke(rest_api.id, "/echo")
    assert answer.status == 200, answer
    headers = answer.headers
    assert headers["x-amzn-Remapped-Server"].startswith("BaseHTTP/")
    assert headers["x-amzn-Remapped-Date"]
    assert headers["x-amzn-Remapped-Content-Length"] == str(len(answer.body))
    assert headers["x-amzn-Remapped-Connection"] == "keep-alive"
    assert headers["X-Upstream"] == "echo"
    assert headers["Content-Type"] == "application/json"
    assert headers["x-amzn-RequestId"] and headers["x-amz-apigw-id"]
    # AWS answers an HTTP_PROXY with the back end's headers and its own ids, without a trace id.
    assert "X-Amzn-Trace-Id" not in headers


# --- HTTP (non-proxy) ----------------------------------------------------------------------------


def test_http_sends_the_gateway_headers_and_not_the_client_ones(invoke, rest_api, upstream):
    rest_api.http("/echo", "POST", f"{upstream.url}/echo", proxy=False, integration_method="POST")
    rest_api.deploy()
    answer = invoke(
        rest_api.id, "/echo", "POST", body={"message": "hello"},
        headers={"X-Client": "yes", "Accept": "application/xml", "User-Agent": "test/integration"},
    )
    seen = upstream_saw(answer)
    assert seen["headers"]["user-agent"] == f"AmazonAPIGateway_{rest_api.id}"
    assert seen["headers"]["x-amzn-apigateway-api-id"] == rest_api.id
    assert seen["headers"]["accept"] == "application/json"
    assert "x-client" not in seen["headers"]
    assert json.loads(seen["body"]) == {"message": "hello"}


def test_http_answers_the_default_response_whatever_the_upstream_status(invoke, rest_api, upstream):
    rest_api.http("/status", "GET", f"{upstream.url}/status/400", proxy=False, integration_method="GET")
    rest_api.deploy()
    answer = invoke(rest_api.id, "/status")
    assert answer.status == 200, answer
    assert answer.json()["path"] == "/status/400"


def test_http_selection_patterns_match_the_upstream_status(invoke, rest_api, upstream):
    target = rest_api.http("/status/{code}", "GET", f"{upstream.url}/status/{{code}}", proxy=False,
                           integration_method="GET",
                           method_options={"requestParameters": {"method.request.path.code": True}},
                           requestParameters={"integration.request.path.code": "method.request.path.code"})
    rest_api.response(target, "400", pattern="4\\d{2}", template='{"upstreamPath": $input.json(\'$.path\')}')
    rest_api.deploy()
    client_error = invoke(rest_api.id, "/status/404")
    assert client_error.status == 400, client_error
    assert client_error.json() == {"upstreamPath": "/status/404"}
    fine = invoke(rest_api.id, "/status/200")
    assert fine.status == 200, fine
    assert fine.json()["path"] == "/status/200"


def test_http_maps_a_path_parameter_into_the_uri(invoke, rest_api, upstream):
    rest_api.http(
        "/pets/{id}", "GET", f"{upstream.url}/echo/{{id}}", proxy=False, integration_method="GET",
        method_options={"requestParameters": {"method.request.path.id": True}},
        requestParameters={"integration.request.path.id": "method.request.path.id"},
    )
    rest_api.deploy()
    assert upstream_saw(invoke(rest_api.id, "/pets/7"))["path"] == "/echo/7"


def test_http_maps_query_strings_and_headers_and_drops_the_rest(invoke, rest_api, upstream):
    rest_api.http(
        "/search", "GET", f"{upstream.url}/echo", proxy=False, integration_method="GET",
        method_options={"requestParameters": {"method.request.querystring.search": False}},
        requestParameters={
            "integration.request.querystring.q": "method.request.querystring.search",
            "integration.request.header.X-Mapped": "'static'",
            "integration.request.header.X-From-Query": "method.request.querystring.search",
        },
    )
    rest_api.deploy()
    seen = upstream_saw(invoke(rest_api.id, "/search", query="search=cats&other=1"))
    assert seen["query"] == "q=cats"
    assert seen["headers"]["x-mapped"] == "static"
    assert seen["headers"]["x-from-query"] == "cats"


def test_http_request_template_builds_the_upstream_body(invoke, rest_api, upstream):
    rest_api.http(
        "/pets/{id}", "POST", f"{upstream.url}/echo", proxy=False, integration_method="POST",
        requestTemplates={"application/json": (
            '{"name": $input.json(\'$.pet.name\'), "id": "$input.params(\'id\')", "stage": "$context.stage"}'
        )},
    )
    rest_api.deploy()
    seen = upstream_saw(invoke(rest_api.id, "/pets/7", "POST", body={"pet": {"name": "Rex", "age": 3}}))
    assert json.loads(seen["body"]) == {"name": "Rex", "id": "7", "stage": "test"}


def test_http_response_template_and_parameters_read_the_upstream_answer(invoke, rest_api, upstream):
    target = rest_api.method("/echo", "GET")
    rest_api.client.put_integration(**target, type="HTTP", integrationHttpMethod="POST", uri=f"{upstream.url}/echo")
    rest_api.response(
        target, "200", template='{"seen": "$input.path(\'$.method\')", "path": "$input.path(\'$.path\')"}',
        parameters={
            "method.response.header.X-Up": "integration.response.header.X-Upstream",
            "method.response.header.X-Method": "integration.response.body.method",
        },
    )
    rest_api.deploy()
    answer = invoke(rest_api.id, "/echo")
    assert answer.status == 200, answer
    assert answer.json() == {"seen": "POST", "path": "/echo"}
    assert answer.headers["X-Up"] == "echo"
    assert answer.headers["X-Method"] == "POST"


def test_an_empty_response_template_passes_the_upstream_answer_through(invoke, rest_api, upstream):
    # An empty template is stored as null, which is no template: the upstream's body reaches the
    # client (the Lambda console's non-proxy default, `{"application/json": null}`).
    target = rest_api.method("/empty", "GET")
    rest_api.client.put_integration(**target, type="HTTP", integrationHttpMethod="POST", uri=f"{upstream.url}/echo")
    rest_api.response(target, "200", templates={"application/json": ""})
    rest_api.deploy()
    answer = invoke(rest_api.id, "/empty")
    assert answer.status == 200, answer
    assert answer.json()["method"] == "POST"


# --- passthrough ---------------------------------------------------------------------------------


def test_when_no_match_passes_an_unmatched_content_type_through(invoke, rest_api, upstream):
    rest_api.http(
        "/items", "POST", f"{upstream.url}/echo", proxy=False, integration_method="POST",
        passthroughBehavior="WHEN_NO_MATCH", requestTemplates={"application/json": '{"templated": true}'},
    )
    rest_api.deploy()
    plain = upstream_saw(invoke(rest_api.id, "/items", "POST", body="plain words", headers={"Content-Type": "text/plain"}))
    assert plain["body"] == "plain words"
    assert plain["headers"]["content-type"] == "text/plain"
    templated = upstream_saw(invoke(rest_api.id, "/items", "POST", body={"name": "Rex"}))
    assert json.loads(templated["body"]) == {"templated": True}


def test_when_no_templates_passes_through_when_none_are_defined(invoke, rest_api, upstream):
    rest_api.http(
        "/items", "POST", f"{upstream.url}/echo", proxy=False, integration_method="POST",
        passthroughBehavior="WHEN_NO_TEMPLATES",
    )
    rest_api.deploy()
    seen = upstream_saw(invoke(rest_api.id, "/items", "POST", body="<xml/>", headers={"Content-Type": "application/xml"}))
    assert seen["body"] == "<xml/>"


# --- timeouts and stage variables ----------------------------------------------------------------


@pytest.mark.parametrize("proxy", [True, False])
def test_an_upstream_slower_than_the_timeout_is_504(invoke, rest_api, upstream, proxy):
    rest_api.http("/slow", "GET", f"{upstream.url}/slow/1", proxy=proxy, integration_method="GET", timeoutInMillis=50)
    rest_api.deploy()
    answer = invoke(rest_api.id, "/slow")
    assert answer.status == 504, answer
    assert answer.json() == {"message": "Endpoint request timed out"}
    assert answer.headers["x-amzn-RequestId"]


def test_stage_variables_choose_the_upstream_host(invoke, rest_api, upstream):
    rest_api.http("/echo", "GET", "http://${stageVariables.host}/echo/${stageVariables.tail}")
    rest_api.deploy(variables={"host": upstream.host, "tail": "test-stage"})
    rest_api.deploy("other", variables={"host": upstream.host, "tail": "other-stage"})
    assert upstream_saw(invoke(rest_api.id, "/echo"))["path"] == "/echo/test-stage"
    assert upstream_saw(invoke(rest_api.id, "/echo", stage="other"))["path"] == "/echo/other-stage"


def test_a_missing_stage_variable_in_the_uri_is_an_internal_error(invoke, rest_api):
    rest_api.http("/echo", "GET", "http://${stageVariables.host}/echo")
    rest_api.deploy()
    answer = invoke(rest_api.id, "/echo")
    assert answer.status == 500, answer
    assert answer.json() == {"message": "Internal server error"}
    assert answer.headers["x-amzn-ErrorType"] == "InternalServerErrorException"


def test_request_overrides_set_in_the_template_reach_the_upstream(invoke, rest_api, upstream):
    template = (
        '#set($context.requestOverride.header.X-Trace = "abc")'
        '#set($context.requestOverride.querystring.extra = "1")'
        '{"sent": "$input.params(\'q\')"}'
    )
    rest_api.http(
        "/echo", "GET", f"{upstream.url}/echo", proxy=False, integration_method="POST",
        requestTemplates={"application/json": template},
    )
    rest_api.deploy()
    saw = upstream_saw(invoke(rest_api.id, "/echo?q=dogs"))
    assert saw["headers"]["x-trace"] == "abc"
    assert saw["query"] == "extra=1"
    assert json.loads(saw["body"]) == {"sent": "dogs"}
