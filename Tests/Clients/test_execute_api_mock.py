"""MOCK integrations of deployed REST APIs: mapping templates and their variables, integration
response selection, response overrides, passthrough behaviours, response parameters and gateway
responses, as AWS API Gateway serves them."""

import pytest

from aws_answers import ACCOUNT


def assert_internal_error(answer):
    assert answer.status == 500, answer
    assert answer.json() == {"message": "Internal server error"}
    assert answer.headers["x-amzn-ErrorType"] == "InternalServerErrorException"


def assert_unsupported_media_type(answer):
    assert answer.status == 415, answer
    assert answer.json() == {"message": "Unsupported Media Type"}
    assert answer.headers["x-amzn-ErrorType"] == "UnsupportedMediaTypeException"


# --- mapping templates ---------------------------------------------------------------------------


def test_templates_read_path_query_and_header_parameters(invoke, rest_api):
    rest_api.mock(
        "/pets/{id}", "GET",
        '{"path": "$input.params(\'id\')", "query": "$input.params(\'q\')", "header": "$input.params(\'X-Name\')", '
        '"fromMap": "$input.params().querystring.get(\'q\')", "pathMap": "$input.params().path.id"}',
    )
    rest_api.deploy()
    answer = invoke(rest_api.id, "/pets/7", query="q=cats", headers={"X-Name": "Rex"})
    assert answer.status == 200, answer
    assert answer.json() == {"path": "7", "query": "cats", "header": "Rex", "fromMap": "cats", "pathMap": "7"}


def test_templates_read_the_context(invoke, rest_api):
    target = rest_api.mock(
        "/pets/{id}", "POST",
        '{"requestId": "$context.requestId", "stage": "$context.stage", "resourcePath": "$context.resourcePath", '
        '"resourceId": "$context.resourceId", "httpMethod": "$context.httpMethod", "apiId": "$context.apiId", '
        '"accountId": "$context.accountId", "path": "$context.path", "sourceIp": "$context.identity.sourceIp"}',
    )
    rest_api.deploy()
    answer = invoke(rest_api.id, "/pets/7", "POST", body={})
    assert answer.status == 200, answer
    assert answer.json() == {
        "requestId": answer.headers["x-amzn-RequestId"], "stage": "test", "resourcePath": "/pets/{id}",
        "resourceId": target["resourceId"], "httpMethod": "POST", "apiId": rest_api.id, "accountId": ACCOUNT,
        "path": "/test/pets/7", "sourceIp": "127.0.0.1",
    }


def test_the_extended_request_id_is_the_apigw_id_header(invoke, rest_api):
    # One request, one extended id: what templates see as $context.extendedRequestId is the
    # answer's x-amz-apigw-id, on a success and on a gateway error alike.
    rest_api.mock("/ids", "GET", '{"extended": "$context.extendedRequestId", "request": "$context.requestId"}')
    rest_api.client.put_gateway_response(
        restApiId=rest_api.id, responseType="MISSING_AUTHENTICATION_TOKEN",
        responseTemplates={"application/json": '{"extended": "$context.extendedRequestId"}'},
    )
    rest_api.deploy()
    answer = invoke(rest_api.id, "/ids")
    assert answer.status == 200, answer
    assert answer.json() == {"extended": answer.headers["x-amz-apigw-id"], "request": answer.headers["x-amzn-RequestId"]}
    missing = invoke(rest_api.id, "/nowhere")
    assert missing.status == 403, missing
    assert missing.json() == {"extended": missing.headers["x-amz-apigw-id"]}
    assert answer.headers["x-amz-apigw-id"] != missing.headers["x-amz-apigw-id"]


def test_each_template_gets_the_stage_variables_as_they_are(invoke, rest_api):
    # A request template that changes its $stageVariables map changes nothing the response
    # template sees.
    rest_api.mock(
        "/vars", "GET", '{"env": "$stageVariables.env"}',
        request_template='#set($ignored = $stageVariables.put("env", "changed")){"statusCode": 200}',
    )
    rest_api.deploy(variables={"env": "dev"})
    answer = invoke(rest_api.id, "/vars")
    assert answer.status == 200, answer
    assert answer.json() == {"env": "dev"}


def test_templates_read_stage_variables(invoke, rest_api):
    rest_api.mock("/env", "GET", '{"env": "$stageVariables.env", "missing": "$stageVariables.nothing"}')
    rest_api.deploy(variables={"env": "dev"})
    rest_api.deploy("prod", variables={"env": "production"})
    assert invoke(rest_api.id, "/env").json() == {"env": "dev", "missing": ""}
    assert invoke(rest_api.id, "/env", stage="prod").json() == {"env": "production", "missing": ""}


def test_the_request_template_reads_the_body_to_choose_the_mock_status(invoke, rest_api):
    target = rest_api.mock("/pets", "POST", '{"found": true}', request_template='{"statusCode": $input.json(\'$.code\')}')
    rest_api.response(target, "404", pattern="404", template='{"found": false}')
    rest_api.deploy()
    found = invoke(rest_api.id, "/pets", "POST", body={"code": 200})
    assert (found.status, found.json()) == (200, {"found": True})
    missing = invoke(rest_api.id, "/pets", "POST", body={"code": 404})
    assert (missing.status, missing.json()) == (404, {"found": False})


def test_a_response_template_is_chosen_by_the_accept_header(invoke, rest_api):
    rest_api.mock("/pets", "GET", templates={"application/json": '{"kind": "json"}', "application/xml": "<kind>xml</kind>"})
    rest_api.deploy()
    xml = invoke(rest_api.id, "/pets", headers={"Accept": "application/xml"})
    assert xml.status == 200, xml
    assert xml.body == b"<kind>xml</kind>"
    assert xml.headers["Content-Type"] == "application/xml"
    json_answer = invoke(rest_api.id, "/pets", headers={"Accept": "application/json"})
    assert json_answer.json() == {"kind": "json"}
    assert json_answer.headers["Content-Type"] == "application/json"


# --- integration response selection --------------------------------------------------------------


@pytest.fixture
def selecting(rest_api):
    """The mock status comes from ?code=; 404 and 5xx have their own integration responses."""
    target = rest_api.mock("/pick", "GET", '{"picked": "default"}', request_template='{"statusCode": $input.params(\'code\')}')
    rest_api.response(target, "404", pattern="404", template='{"picked": "404"}')
    rest_api.response(target, "500", pattern="5\\d{2}", template='{"picked": "5xx"}')
    rest_api.deploy()
    return rest_api


@pytest.mark.parametrize(
    "code, status, picked",
    [("200", 200, "default"), ("404", 404, "404"), ("503", 500, "5xx"), ("201", 200, "default")],
)
def test_the_mock_status_selects_the_integration_response(invoke, selecting, code, status, picked):
    answer = invoke(selecting.id, "/pick", query=f"code={code}")
    assert answer.status == status, answer
    assert answer.json() == {"picked": picked}


def test_without_a_matching_or_default_integration_response_the_answer_is_500(invoke, rest_api):
    target = rest_api.method("/pets", "GET")
    rest_api.client.put_integration(**target, type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'})
    rest_api.response(target, "404", pattern="404", template="{}")
    rest_api.deploy()
    assert_internal_error(invoke(rest_api.id, "/pets"))


def test_an_integration_response_without_a_template_gives_an_empty_body(invoke, rest_api):
    rest_api.mock("/empty", "GET")
    rest_api.deploy()
    answer = invoke(rest_api.id, "/empty")
    assert answer.status == 200, answer
    assert answer.body == b""
    assert answer.headers["Content-Type"] == "application/json"


# --- response overrides --------------------------------------------------------------------------


def test_a_response_template_overrides_the_status_and_a_header(invoke, rest_api):
    rest_api.mock(
        "/override", "GET",
        '#set($context.responseOverride.status = 444)\n'
        '#set($context.responseOverride.header.X-Foo = "bar")\n'
        '{"overridden": true}',
    )
    rest_api.deploy()
    answer = invoke(rest_api.id, "/override")
    assert answer.status == 444, answer
    assert answer.headers["X-Foo"] == "bar"
    assert answer.json() == {"overridden": True}


def test_a_request_template_overrides_the_status(invoke, rest_api):
    rest_api.mock(
        "/override", "GET", request_template='#set($context.responseOverride.status = 444)\n{"statusCode": 200}'
    )
    rest_api.deploy()
    answer = invoke(rest_api.id, "/override")
    assert answer.status == 444, answer
    assert answer.body == b""


# --- passthrough behaviours ----------------------------------------------------------------------


def passthrough_api(rest_api, behavior, templates=True):
    options = {"passthroughBehavior": behavior}
    if templates:
        options["requestTemplates"] = {"application/json": '{"statusCode": 200}'}
    rest_api.mock("/items", "POST", '{"ok": true}', request_template=None, integration_options=options)
    rest_api.deploy()
    return rest_api


@pytest.mark.parametrize("behavior", ["NEVER", "WHEN_NO_TEMPLATES"])
def test_a_content_type_without_a_template_is_unsupported_when_templates_exist(invoke, rest_api, behavior):
    api = passthrough_api(rest_api, behavior)
    answer = invoke(api.id, "/items", "POST", body="plain words", headers={"Content-Type": "text/plain"})
    assert_unsupported_media_type(answer)


@pytest.mark.parametrize("behavior", ["NEVER", "WHEN_NO_TEMPLATES", "WHEN_NO_MATCH"])
def test_a_content_type_with_a_template_is_served_under_every_behavior(invoke, rest_api, behavior):
    api = passthrough_api(rest_api, behavior)
    answer = invoke(api.id, "/items", "POST", body={"name": "Rex"})
    assert answer.status == 200, answer
    assert answer.json() == {"ok": True}


def test_a_request_without_content_type_uses_the_json_template(invoke, rest_api):
    api = passthrough_api(rest_api, "NEVER")
    answer = invoke(api.id, "/items", "POST", body='{"name": "Rex"}')
    assert answer.status == 200, answer
    assert answer.json() == {"ok": True}


# --- response parameters -------------------------------------------------------------------------


def test_response_parameters_set_static_context_and_stage_variable_headers(invoke, rest_api):
    rest_api.mock("/pets", "GET", "{}", parameters={
        "method.response.header.X-Custom": "'static'",
        "method.response.header.X-Request": "context.requestId",
        "method.response.header.X-Env": "stageVariables.env",
    })
    rest_api.deploy(variables={"env": "dev"})
    answer = invoke(rest_api.id, "/pets")
    assert answer.status == 200, answer
    assert answer.headers["X-Custom"] == "static"
    assert answer.headers["X-Request"] == answer.headers["x-amzn-RequestId"]
    assert answer.headers["X-Env"] == "dev"


# --- gateway responses ---------------------------------------------------------------------------

GONE_TEMPLATE = '{"msg": "$context.error.message", "type": "$context.error.responseType"}'


def test_a_gateway_response_applies_once_redeployed(apigateway, invoke, rest_api):
    rest_api.mock("/pets", "GET", "{}")
    rest_api.deploy()
    apigateway.put_gateway_response(
        restApiId=rest_api.id, responseType="MISSING_AUTHENTICATION_TOKEN", statusCode="404",
        responseParameters={"gatewayresponse.header.X-Why": "'gone'"},
        responseTemplates={"application/json": GONE_TEMPLATE},
    )
    before = invoke(rest_api.id, "/nothing")
    assert (before.status, before.json()) == (403, {"message": "Missing Authentication Token"})
    assert before.headers["X-Why"] is None

    rest_api.deploy()
    after = invoke(rest_api.id, "/nothing")
    assert after.status == 404, after
    assert after.headers["X-Why"] == "gone"
    assert after.json() == {"msg": "Missing Authentication Token", "type": "MISSING_AUTHENTICATION_TOKEN"}


def test_default_4xx_applies_to_4xx_types_without_their_own(apigateway, invoke, rest_api):
    passthrough_api(rest_api, "NEVER")
    apigateway.put_gateway_response(
        restApiId=rest_api.id, responseType="DEFAULT_4XX",
        responseParameters={"gatewayresponse.header.X-Default": "'4xx'"},
        responseTemplates={"application/json": '{"error": $context.error.messageString, "type": "$context.error.responseType"}'},
    )
    rest_api.deploy()
    missing = invoke(rest_api.id, "/nothing")
    assert missing.status == 403, missing
    assert missing.headers["X-Default"] == "4xx"
    assert missing.json() == {"error": "Missing Authentication Token", "type": "MISSING_AUTHENTICATION_TOKEN"}
    unsupported = invoke(rest_api.id, "/items", "POST", body="words", headers={"Content-Type": "text/plain"})
    assert unsupported.status == 415, unsupported
    assert unsupported.headers["X-Default"] == "4xx"
    assert unsupported.json() == {"error": "Unsupported Media Type", "type": "UNSUPPORTED_MEDIA_TYPE"}


def test_default_4xx_status_code_applies_to_4xx_types_still_default(apigateway, invoke, rest_api):
    rest_api.mock("/pets", "GET", "{}")
    apigateway.put_gateway_response(restApiId=rest_api.id, responseType="DEFAULT_4XX", statusCode="499")
    rest_api.deploy()
    answer = invoke(rest_api.id, "/nothing")
    assert answer.status == 499, answer
    assert answer.json() == {"message": "Missing Authentication Token"}


def test_a_type_put_explicitly_does_not_take_default_4xx(apigateway, invoke, rest_api):
    rest_api.mock("/pets", "GET", "{}")
    apigateway.put_gateway_response(
        restApiId=rest_api.id, responseType="DEFAULT_4XX", statusCode="499",
        responseParameters={"gatewayresponse.header.X-Default": "'4xx'"},
    )
    apigateway.put_gateway_response(restApiId=rest_api.id, responseType="MISSING_AUTHENTICATION_TOKEN", statusCode="404")
    rest_api.deploy()
    answer = invoke(rest_api.id, "/nothing")
    assert answer.status == 404, answer
    assert answer.headers["X-Default"] is None
    assert answer.json() == {"message": "Missing Authentication Token"}


@pytest.mark.parametrize("template", ["{statusCode: 200}", "{ 'statusCode': 200 }", "{statusCode: '200'}"])
def test_the_mock_request_is_read_leniently(invoke, rest_api, template):
    # CDK writes its CORS preflight MOCK with an unquoted key; AWS answers it (findings K1). The
    # single-quoted forms are assumed to be read the same way.
    rest_api.mock("/fixed", "GET", None, request_template=template)
    rest_api.deploy()
    answer = invoke(rest_api.id, "/fixed")
    assert answer.status == 200, answer
    assert answer.body == b""


def test_a_mock_request_without_a_readable_status_code_is_an_internal_error(invoke, rest_api):
    rest_api.mock("/fixed", "GET", None, request_template="{status: 200}")
    rest_api.deploy()
    assert_internal_error(invoke(rest_api.id, "/fixed"))


@pytest.mark.parametrize("code", ["1e300", "-1e300", "9.5"])
def test_a_mock_status_code_no_integer_holds_selects_the_default_response(invoke, rest_api, code):
    # The client's own body passes through to the MOCK (no request template): it must not crash it.
    rest_api.mock("/fixed", "POST", "default", request_template=None)
    rest_api.deploy()
    answer = invoke(rest_api.id, "/fixed", "POST", body=f'{{"statusCode": {code}}}'.encode())
    assert answer.status == 200, answer
    assert answer.body == b"default"
    assert invoke(rest_api.id, "/fixed", "POST", body=b'{"statusCode": 200}').status == 200
