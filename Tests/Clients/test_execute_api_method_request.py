"""The method request of deployed REST APIs: required parameters and body models checked by request
validators (JSON Schema draft 4, with $ref to other models), and API keys checked against usage
plans, as AWS API Gateway checks them."""

import json

import pytest

PET_SCHEMA = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "title": "Pet",
    "type": "object",
    "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0}},
    "required": ["name"],
}
KEY_VALUE = "portico-test-key-0123456789abcdef"


def assert_bad_request(answer, message):
    assert answer.status == 400, answer
    assert answer.json() == {"message": message}
    assert answer.headers["x-amzn-ErrorType"] == "BadRequestException"


def assert_forbidden(answer):
    assert answer.status == 403, answer
    assert answer.json() == {"message": "Forbidden"}
    assert answer.headers["x-amzn-ErrorType"] == "ForbiddenException"


def model_ref(api_id, name):
    return f"https://apigateway.amazonaws.com/restapis/{api_id}/models/{name}"


def validator(rest_api, parameters, body):
    return rest_api.client.create_request_validator(
        restApiId=rest_api.id, name=f"params-{parameters}-body-{body}",
        validateRequestParameters=parameters, validateRequestBody=body,
    )["id"]


# --- required request parameters -----------------------------------------------------------------

REQUIRED = {
    "method.request.querystring.qs1": True,
    "method.request.header.x-header-param": True,
    "method.request.path.issuer": True,  # no {issuer} in the path: always missing
}


@pytest.fixture
def required(rest_api):
    """GET /nested/{test} requiring a query string and a header; POST requiring a path parameter
    the resource does not have as well; both with a parameter validator."""
    validator_id = validator(rest_api, True, False)
    rest_api.mock("/nested/{test}", "GET", '{"ok": true}', method_options={
        "requestValidatorId": validator_id,
        "requestParameters": {
            "method.request.path.test": True, "method.request.querystring.qs1": True,
            "method.request.header.x-header-param": True,
        },
    })
    rest_api.mock("/nested/{test}", "POST", '{"ok": true}', method_options={
        "requestValidatorId": validator_id, "requestParameters": REQUIRED,
    })
    rest_api.deploy()
    return rest_api


def test_required_parameters_present_pass(invoke, required):
    answer = invoke(required.id, "/nested/value", query="qs1=test", headers={"x-header-param": "test"})
    assert answer.status == 200, answer
    assert answer.json() == {"ok": True}


def test_a_missing_required_header_is_named(invoke, required):
    answer = invoke(required.id, "/nested/value", query="qs1=test")
    assert_bad_request(answer, "Missing required request parameters: [x-header-param]")


def test_a_missing_required_query_string_is_named(invoke, required):
    answer = invoke(required.id, "/nested/value", headers={"x-header-param": "test"})
    assert_bad_request(answer, "Missing required request parameters: [qs1]")


def test_missing_parameters_are_listed_header_then_path_then_query_string(invoke, required):
    answer = invoke(required.id, "/nested/value", "POST", body={"test": "test"})
    assert_bad_request(answer, "Missing required request parameters: [x-header-param, issuer, qs1]")


def test_required_parameters_are_not_checked_without_a_validator(invoke, rest_api):
    rest_api.mock("/pets", "GET", '{"ok": true}', method_options={"requestParameters": REQUIRED})
    rest_api.deploy()
    answer = invoke(rest_api.id, "/pets")
    assert answer.status == 200, answer


def test_a_body_only_validator_does_not_check_parameters(invoke, rest_api):
    rest_api.mock("/pets", "GET", '{"ok": true}', method_options={
        "requestParameters": REQUIRED, "requestValidatorId": validator(rest_api, False, True),
    })
    rest_api.deploy()
    assert invoke(rest_api.id, "/pets").status == 200


def test_turning_the_validator_off_takes_effect_on_redeploying(apigateway, invoke, rest_api):
    validator_id = validator(rest_api, True, False)
    rest_api.mock("/pets", "GET", '{"ok": true}', method_options={
        "requestParameters": {"method.request.querystring.qs1": True}, "requestValidatorId": validator_id,
    })
    rest_api.deploy()
    apigateway.update_request_validator(restApiId=rest_api.id, requestValidatorId=validator_id, patchOperations=[
        {"op": "replace", "path": "/validateRequestParameters", "value": "false"},
    ])
    assert invoke(rest_api.id, "/pets").status == 400
    rest_api.deploy()
    assert invoke(rest_api.id, "/pets").status == 200


# --- request body models -------------------------------------------------------------------------


@pytest.fixture
def pet_body(rest_api):
    """POST /pets validating its JSON body against the Pet model."""
    rest_api.client.create_model(
        restApiId=rest_api.id, name="PetModel", contentType="application/json", schema=json.dumps(PET_SCHEMA)
    )
    rest_api.mock("/pets", "POST", '{"ok": true}', method_options={
        "requestValidatorId": validator(rest_api, False, True), "requestModels": {"application/json": "PetModel"},
    })
    rest_api.deploy()
    return rest_api


def test_a_body_matching_the_model_passes(invoke, pet_body):
    answer = invoke(pet_body.id, "/pets", "POST", body={"name": "Rex", "age": 3})
    assert answer.status == 200, answer
    assert answer.json() == {"ok": True}


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"age": 3}, id="missing-required"),
        pytest.param({"name": 5}, id="wrong-type"),
        pytest.param({"name": "Rex", "age": -1}, id="below-minimum"),
        pytest.param({"name": "Rex", "age": 1.5}, id="not-an-integer"),
        pytest.param(["Rex"], id="not-an-object"),
        pytest.param("{not json", id="not-json"),
        pytest.param("", id="empty"),
    ],
)
def test_a_body_not_matching_the_model_is_rejected(invoke, pet_body, body):
    headers = {"Content-Type": "application/json"}
    assert_bad_request(invoke(pet_body.id, "/pets", "POST", body=body, headers=headers), "Invalid request body")


def test_models_follow_references_to_other_models(invoke, rest_api):
    rest_api.client.create_model(
        restApiId=rest_api.id, name="Pet", contentType="application/json", schema=json.dumps(PET_SCHEMA)
    )
    rest_api.client.create_model(
        restApiId=rest_api.id, name="PetList", contentType="application/json",
        schema=json.dumps({"type": "array", "items": {"$ref": model_ref(rest_api.id, "Pet")}}),
    )
    rest_api.mock("/pets", "PUT", '{"ok": true}', method_options={
        "requestValidatorId": validator(rest_api, False, True), "requestModels": {"application/json": "PetList"},
    })
    rest_api.deploy()
    assert invoke(rest_api.id, "/pets", "PUT", body=[{"name": "Rex"}, {"name": "Tom", "age": 2}]).status == 200
    assert_bad_request(invoke(rest_api.id, "/pets", "PUT", body=[{"name": "Rex"}, {"age": 2}]), "Invalid request body")


@pytest.mark.parametrize(
    "body, valid",
    [
        ({"status": None}, True),
        ({"status": {"Status": "ok", "Order": 1}}, True),
        ({}, False),
        ({"status": {"Status": "ok"}}, False),
    ],
)
def test_one_of_null_or_a_referenced_model(invoke, rest_api, body, valid):
    rest_api.client.create_model(restApiId=rest_api.id, name="StatusModel", contentType="application/json", schema=json.dumps({
        "type": "object", "properties": {"Status": {"type": "string"}, "Order": {"type": "integer"}},
        "required": ["Status", "Order"],
    }))
    rest_api.client.create_model(restApiId=rest_api.id, name="TestModel", contentType="application/json", schema=json.dumps({
        "type": "object",
        "properties": {"status": {"oneOf": [{"type": "null"}, {"$ref": model_ref(rest_api.id, "StatusModel")}]}},
        "required": ["status"],
    }))
    rest_api.mock("/status", "POST", '{"data": "ok"}', method_options={
        "requestValidatorId": validator(rest_api, False, True), "requestModels": {"application/json": "TestModel"},
    })
    rest_api.deploy()
    answer = invoke(rest_api.id, "/status", "POST", body=body)
    if valid:
        assert (answer.status, answer.json()) == (200, {"data": "ok"}), answer
    else:
        assert_bad_request(answer, "Invalid request body")


def test_parameters_are_checked_before_the_body(invoke, rest_api):
    rest_api.client.create_model(
        restApiId=rest_api.id, name="PetModel", contentType="application/json", schema=json.dumps(PET_SCHEMA)
    )
    rest_api.mock("/pets", "POST", '{"ok": true}', method_options={
        "requestValidatorId": validator(rest_api, True, True), "requestModels": {"application/json": "PetModel"},
        "requestParameters": {"method.request.header.x-trace": True},
    })
    rest_api.deploy()
    answer = invoke(rest_api.id, "/pets", "POST", body={"age": 3})
    assert_bad_request(answer, "Missing required request parameters: [x-trace]")
    answer = invoke(rest_api.id, "/pets", "POST", body={"age": 3}, headers={"x-trace": "1"})
    assert_bad_request(answer, "Invalid request body")


# --- API keys ------------------------------------------------------------------------------------


@pytest.fixture
def keyed(rest_api):
    """GET /pets requiring an API key, deployed to stages test and other."""
    rest_api.mock("/pets", "GET", '{"ok": true}', method_options={"apiKeyRequired": True})
    rest_api.mock("/open", "GET", '{"open": true}')
    rest_api.deploy()
    rest_api.deploy("other")
    return rest_api


def key_in_plan(apigateway, api_id, stage="test", enabled=True, value=KEY_VALUE):
    key = apigateway.create_api_key(name="client", enabled=enabled, value=value)
    plan = apigateway.create_usage_plan(name="plan", apiStages=[{"apiId": api_id, "stage": stage}])
    apigateway.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    return key


def test_a_method_requiring_a_key_refuses_a_request_without_one(invoke, keyed):
    assert_forbidden(invoke(keyed.id, "/pets"))
    assert invoke(keyed.id, "/open").status == 200


def test_a_key_in_a_usage_plan_of_the_stage_is_accepted(apigateway, invoke, keyed):
    key_in_plan(apigateway, keyed.id)
    answer = invoke(keyed.id, "/pets", headers={"x-api-key": KEY_VALUE})
    assert answer.status == 200, answer
    assert answer.json() == {"ok": True}


def test_a_key_the_usage_plan_does_not_list_is_refused(apigateway, invoke, keyed):
    apigateway.create_api_key(name="loose", enabled=True, value=KEY_VALUE)
    apigateway.create_usage_plan(name="plan", apiStages=[{"apiId": keyed.id, "stage": "test"}])
    assert_forbidden(invoke(keyed.id, "/pets", headers={"x-api-key": KEY_VALUE}))


def test_a_key_whose_plan_covers_another_stage_is_refused(apigateway, invoke, keyed):
    key_in_plan(apigateway, keyed.id, stage="other")
    assert_forbidden(invoke(keyed.id, "/pets", headers={"x-api-key": KEY_VALUE}))
    assert invoke(keyed.id, "/pets", stage="other", headers={"x-api-key": KEY_VALUE}).status == 200


def test_a_disabled_key_is_refused(apigateway, invoke, keyed):
    key_in_plan(apigateway, keyed.id, enabled=False)
    assert_forbidden(invoke(keyed.id, "/pets", headers={"x-api-key": KEY_VALUE}))


def test_an_unknown_key_value_is_refused(apigateway, invoke, keyed):
    key_in_plan(apigateway, keyed.id)
    assert_forbidden(invoke(keyed.id, "/pets", headers={"x-api-key": "not-the-key-value-at-all-000"}))
