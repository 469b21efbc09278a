"""Reserved headers on the REST data plane, as recorded against AWS with every such header sent by
the client, mapped into the integration request, and mapped onto the method response: which ones
an API can read, which reach an HTTP back end, which come back renamed `x-amzn-Remapped-*`."""

import json

import pytest

HEADERS = [
    "Accept", "Accept-Charset", "Accept-Encoding", "Age", "Authorization", "Connection", "Content-Encoding",
    "Content-Length", "Content-MD5", "Content-Type", "Date", "Expect", "Host", "Max-Forwards", "Pragma",
    "Proxy-Authenticate", "Range", "Referer", "Server", "TE", "Transfer-Encoding", "Trailer", "Upgrade",
    "User-Agent", "Via", "Warn", "WWW-Authenticate",
]

# What the client sends (Transfer-Encoding aside: a chunked GET without a body would hang).
CLIENT = {
    "Accept": "application/json", "Accept-Charset": "UTF-8", "Accept-Encoding": "br", "Age": "request_Age",
    "Authorization": "Unauthorized", "Connection": "close", "Content-Encoding": "deflate",
    "Content-MD5": "request_Content-MD5", "Content-Type": "application/json", "Date": "request_Date",
    "Expect": "100-continue", "Max-Forwards": "2", "Pragma": "cache", "Proxy-Authenticate": "Basic",
    "Range": "bytes=500-999", "Referer": "https://example.com/", "Server": "https://example.com/",
    "TE": "deflate", "Trailer": "Expires", "Upgrade": "HTTP/2.0", "User-Agent": "client/0.0",
    "Via": "p.example.net", "Warn": "299 client/0.0", "WWW-Authenticate": "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
}

# The integration request mappings of /full (Content-Length and Transfer-Encoding have resources
# of their own: mapping them is an error).
MAPPED = {
    "Accept": "'text/html'", "Accept-Charset": "'UTF-16'", "Accept-Encoding": "'zstd'",
    "Age": "'request_params_age'", "Authorization": "'request_params_authorization'",
    "Content-Encoding": "'compress'", "Content-MD5": "'request_params_Content-MD5'",
    "Content-Type": "'application/json'", "Date": "'request_params_Date'", "Expect": "'200-ok'",
    "Host": "method.request.header.Host", "Max-Forwards": "'2'", "Pragma": "'no-cache'", "Range": "'bytes=0-499'",
    "Referer": "'https://example.com/page'", "Server": "'https://example.com/page'", "Trailer": "'user-agent'",
    "Upgrade": "'HTTP/2.0'", "User-Agent": "'Override-Agent'", "Warn": "'110 anderson/1.3.37 \"Response is stale\"'",
    "WWW-Authenticate": "'Basic YWxhZGRpbjpvcGVuc2VzYW1l'", "Connection": "'keep-alive'",
    "Proxy-Authenticate": "'Basic realm=\"Access to the internal site\"'", "TE": "'gzip'", "Via": "'othersite.net'",
}

HIDDEN_FROM_THE_API = {
    "Connection", "Content-Length", "Content-MD5", "Expect", "Max-Forwards", "Proxy-Authenticate", "Server", "TE",
    "Transfer-Encoding", "Trailer", "Upgrade", "WWW-Authenticate",
}
PASSED_IN_RESPONSES = {
    "Accept", "Accept-Charset", "Accept-Encoding", "Age", "Content-Encoding", "Content-Type", "Pragma", "Range",
    "Referer", "TE", "Warn", "Via",
}
REMAPPED_IN_RESPONSES = {
    "Authorization", "Connection", "Content-Length", "Content-MD5", "Date", "Expect", "Host", "Max-Forwards",
    "Proxy-Authenticate", "Server", "Trailer", "Upgrade", "User-Agent", "WWW-Authenticate",
}


def build(rest_api, upstream, kind):
    """/no-param, /full, /content-length and /transfer-encoding, each GET with an integration of
    `kind` posting to the echo back end."""
    declared = {f"method.request.header.{name}": False for name in HEADERS}
    for path in ("/no-param", "/full", "/content-length", "/transfer-encoding"):
        target = rest_api.method(path, "GET", requestParameters=declared)
        parameters = {}
        templates = None
        if path == "/full":
            parameters = {f"integration.request.header.{name}": value for name, value in MAPPED.items()}
            templates = {"application/json": json.dumps({name: f"$input.params('{name}')" for name in HEADERS})}
        elif path == "/content-length":
            parameters = {"integration.request.header.Content-Length": "'0'"}
        elif path == "/transfer-encoding":
            parameters = {"integration.request.header.Transfer-Encoding": "'deflate'"}
        rest_api.client.put_integration(
            **target, type=kind, integrationHttpMethod="POST", uri=f"{upstream.url}/echo",
            requestParameters=parameters, **({"requestTemplates": templates} if templates else {}),
        )
        response_parameters = (
            {f"method.response.header.{name}": f"'response_param_{name}'" for name in HEADERS}
            if path == "/full" else {}
        )
        rest_api.client.put_method_response(
            **target, statusCode="200",
            responseParameters={f"method.response.header.{name}": True for name in HEADERS},
        )
        rest_api.client.put_integration_response(
            **target, statusCode="200", selectionPattern="",
            **({"responseParameters": response_parameters} if response_parameters else {}),
        )
    rest_api.deploy()


def call(invoke, rest_api, path):
    return invoke(rest_api.id, path, form="host", headers=CLIENT)


def api_host(invoke, rest_api):
    return f"{rest_api.id}.execute-api.localhost:{invoke.port}"


@pytest.fixture(params=["HTTP", "HTTP_PROXY"])
def kind(request):
    return request.param


def test_response_header_mappings_onto_reserved_names_are_renamed(invoke, rest_api, upstream):
    build(rest_api, upstream, "HTTP")
    answer = call(invoke, rest_api, "/full")
    assert answer.status == 200, answer
    headers = answer.headers
    for name in PASSED_IN_RESPONSES:
        assert headers.get_all(name) == [f"response_param_{name}"], name
    for name in REMAPPED_IN_RESPONSES:
        assert headers[f"x-amzn-Remapped-{name}"] == f"response_param_{name}", name
    assert "response_param_Transfer-Encoding" not in str(headers)
    # The gateway's own framing stands: a real length, its own date, and the client's close.
    assert headers.get_all("Content-Length") == [str(len(answer.body))]
    assert headers["Connection"] == "close"
    assert headers["Date"] != "response_param_Date"
    assert headers["X-Amzn-Trace-Id"]


def test_a_mock_response_mapping_onto_content_length_is_renamed(invoke, rest_api):
    rest_api.mock("/fixed", "GET", '{"ok": true}', parameters={
        "method.response.header.Content-Length": "'12345'", "method.response.header.Server": "'mine'",
        "method.response.header.Transfer-Encoding": "'chunked'", "method.response.header.X-Own": "'kept'",
    })
    rest_api.deploy()
    answer = invoke(rest_api.id, "/fixed")
    assert answer.status == 200, answer
    assert answer.json() == {"ok": True}
    assert answer.headers.get_all("Content-Length") == [str(len(answer.body))]
    assert answer.headers["x-amzn-Remapped-Content-Length"] == "12345"
    assert answer.headers["x-amzn-Remapped-Server"] == "mine"
    assert answer.headers["X-Own"] == "kept"
    assert answer.headers["Transfer-Encoding"] is None
    assert answer.headers["X-Amzn-Trace-Id"] is None


def test_mappings_and_templates_read_only_the_headers_aws_lets_through(invoke, rest_api, upstream):
    build(rest_api, upstream, "HTTP")
    answer = call(invoke, rest_api, "/full")
    assert answer.status == 200, answer
    rendered = json.loads(answer.json()["body"])
    for name in HEADERS:
        if name in HIDDEN_FROM_THE_API:
            assert rendered[name] == "", name
        elif name == "Host":
            assert rendered[name] == api_host(invoke, rest_api)
        else:
            assert rendered[name] == CLIENT[name], name


def test_mapped_integration_request_headers_reach_the_back_end(invoke, rest_api, upstream, kind):
    build(rest_api, upstream, kind)
    answer = call(invoke, rest_api, "/full")
    assert answer.status == 200, answer
    seen = answer.json()["headers"]
    for name in ("Expect", "Proxy-Authenticate", "TE"):
        assert name.lower() not in seen, name
    for name in (
        "Accept", "Accept-Charset", "Age", "Authorization", "Content-Encoding", "Content-MD5", "Content-Type",
        "Max-Forwards", "Pragma", "Range", "Referer", "Server", "Trailer", "Upgrade", "User-Agent", "Warn",
        "WWW-Authenticate",
    ):
        # One value, the mapped one: an HTTP_PROXY's client header of the same name is replaced.
        assert seen[name.lower()] == MAPPED[name].strip("'"), name
    # Host mapped from the method request is the host the client called.
    assert seen["host"] == api_host(invoke, rest_api)
    assert seen["x-amzn-apigateway-api-id"] == rest_api.id


def test_an_http_proxy_passes_on_the_client_headers_aws_passes_on(invoke, rest_api, upstream):
    build(rest_api, upstream, "HTTP_PROXY")
    answer = call(invoke, rest_api, "/no-param")
    assert answer.status == 200, answer
    seen = answer.json()["headers"]
    for name in (
        "Accept", "Accept-Charset", "Accept-Encoding", "Age", "Authorization", "Content-Type", "Date", "Pragma",
        "Range", "Referer", "User-Agent", "Warn",
    ):
        assert seen[name.lower()] == CLIENT[name], name
    for name in (
        "Content-Encoding", "Content-MD5", "Max-Forwards", "Server", "WWW-Authenticate", "Expect",
        "Proxy-Authenticate", "TE", "Trailer", "Upgrade",
    ):
        assert name.lower() not in seen, name
    assert seen["host"] == upstream.host
    assert seen["x-amzn-apigateway-api-id"] == rest_api.id
    assert seen["x-amzn-trace-id"]
    # The answer: the back end's headers (reserved ones renamed), the gateway's ids, no trace id.
    assert answer.headers["Connection"] == "close"
    assert answer.headers["x-amzn-Remapped-Connection"] == "keep-alive"
    assert answer.headers["X-Amzn-Trace-Id"] is None
    assert answer.headers["x-amz-apigw-id"] and answer.headers["x-amzn-RequestId"]


def test_an_http_integration_sends_the_gateway_headers(invoke, rest_api, upstream):
    build(rest_api, upstream, "HTTP")
    answer = call(invoke, rest_api, "/no-param")
    assert answer.status == 200, answer
    seen = answer.json()["headers"]
    assert seen["accept"] == "application/json"
    assert seen["user-agent"] == f"AmazonAPIGateway_{rest_api.id}"
    assert seen["x-amzn-apigateway-api-id"] == rest_api.id
    assert seen["host"] == upstream.host
    assert answer.headers["Connection"] == "close"
    assert answer.headers["X-Amzn-Trace-Id"]


@pytest.mark.parametrize("path", ["/content-length", "/transfer-encoding"])
def test_mapping_a_framing_header_is_an_internal_error_without_a_trace_id(invoke, rest_api, upstream, kind, path):
    build(rest_api, upstream, kind)
    answer = call(invoke, rest_api, path)
    assert answer.status == 500, answer
    assert answer.json() == {"message": "Internal server error"}
    assert answer.headers["x-amzn-ErrorType"] == "InternalServerErrorException"
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.headers["Connection"] == "close"
    assert answer.headers["X-Amzn-Trace-Id"] is None
