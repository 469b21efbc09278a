"""Models (with GetModelTemplate), request validators, authorizers and gateway responses of REST
APIs, through boto3, as AWS API Gateway answers them."""

import json

import pytest
from botocore.exceptions import ClientError

from conftest import REGION
from aws_answers import ACCOUNT, OP_ENUM, body_of, error_of, status_of

LAMBDA_ARN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:authorizer"
LAMBDA_URI = f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{LAMBDA_ARN}/invocations"
USER_POOL = f"arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/{REGION}_ABC123"
DEFAULT_TEMPLATES = {"application/json": '{"message":$context.error.messageString}'}
RESPONSE_TYPES_IN_AWS_ORDER = (
    "REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND, AUTHORIZER_CONFIGURATION_ERROR, MISSING_AUTHENTICATION_TOKEN, "
    "BAD_REQUEST_BODY, INVALID_SIGNATURE, INVALID_API_KEY, BAD_REQUEST_PARAMETERS, AUTHORIZER_FAILURE, UNAUTHORIZED, "
    "INTEGRATION_TIMEOUT, ACCESS_DENIED, DEFAULT_4XX, DEFAULT_5XX, WAF_FILTERED, QUOTA_EXCEEDED, THROTTLED, "
    "API_CONFIGURATION_ERROR, UNSUPPORTED_MEDIA_TYPE, INTEGRATION_FAILURE, EXPIRED_TOKEN"
)
DEFAULT_STATUS = {
    "ACCESS_DENIED": "403", "API_CONFIGURATION_ERROR": "500", "AUTHORIZER_CONFIGURATION_ERROR": "500",
    "AUTHORIZER_FAILURE": "500", "BAD_REQUEST_BODY": "400", "BAD_REQUEST_PARAMETERS": "400", "DEFAULT_4XX": None,
    "DEFAULT_5XX": None, "EXPIRED_TOKEN": "403", "INTEGRATION_FAILURE": "504", "INTEGRATION_TIMEOUT": "504",
    "INVALID_API_KEY": "403", "INVALID_SIGNATURE": "403", "MISSING_AUTHENTICATION_TOKEN": "403",
    "QUOTA_EXCEEDED": "429", "REQUEST_TOO_LARGE": "413", "RESOURCE_NOT_FOUND": "404", "THROTTLED": "429",
    "UNAUTHORIZED": "401", "UNSUPPORTED_MEDIA_TYPE": "415", "WAF_FILTERED": "403",
}
PET_SCHEMA = json.dumps({
    "$schema": "http://json-schema.org/draft-04/schema#", "title": "Pet", "type": "object",
    "properties": {"name": {"type": "string"}, "age": {"type": "integer"}, "price": {"type": "number"}},
})


def bad_op(input_name, index, value="wrong-op"):
    return (
        f"1 validation error detected: Value '{value}' at '{input_name}.patchOperations.{index}.member.op' failed to "
        f"satisfy constraint: Member must satisfy enum value set: {OP_ENUM}"
    )


def collect(call, limit, key="items", **arguments):
    """Every item of a paginated list, page by page; also the page sizes."""
    items, sizes, position = [], [], None
    while True:
        page = call(limit=limit, **({"position": position} if position else {}), **arguments)
        items += page[key]
        sizes.append(len(page[key]))
        position = page.get("position")
        if not position:
            return items, sizes


@pytest.fixture
def api(apigateway):
    return apigateway.create_rest_api(name="models")


# --- models --------------------------------------------------------------------------------------


def test_create_model_shape(apigateway, api):
    model = apigateway.create_model(
        restApiId=api["id"], name="Pet", description="a pet", contentType="application/json", schema=PET_SCHEMA,
    )
    assert model["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert set(body_of(model)) == {"id", "name", "description", "contentType", "schema"}
    assert (model["name"], model["description"], model["contentType"]) == ("Pet", "a pet", "application/json")
    assert model["schema"] == PET_SCHEMA
    assert body_of(apigateway.get_model(restApiId=api["id"], modelName="Pet")) == body_of(model)


def test_empty_description_is_omitted(apigateway, api):
    model = apigateway.create_model(
        restApiId=api["id"], name="NoDoc", description="", contentType="application/json", schema=PET_SCHEMA
    )
    assert "description" not in model
    updated = apigateway.update_model(restApiId=api["id"], modelName="NoDoc", patchOperations=[
        {"op": "replace", "path": "/schema", "value": '{"type": "object", "title": "New"}'},
        {"op": "replace", "path": "/description", "value": ""},
    ])
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert "description" not in updated
    assert json.loads(updated["schema"]) == {"type": "object", "title": "New"}


def test_get_models_paginates(apigateway, api):
    for index in range(5):
        apigateway.create_model(
            restApiId=api["id"], name=f"M{index}", contentType="application/json", schema=PET_SCHEMA
        )
    items, sizes = collect(apigateway.get_models, 3, restApiId=api["id"])
    assert sizes == [3, 3, 1]
    names = [item["name"] for item in items]
    assert len(names) == len(set(names))
    assert sorted(names) == ["Empty", "Error", "M0", "M1", "M2", "M3", "M4"]


def test_update_model_description_and_schema(apigateway, api):
    apigateway.create_model(restApiId=api["id"], name="Pet", contentType="application/json", schema=PET_SCHEMA)
    updated = apigateway.update_model(restApiId=api["id"], modelName="Pet", patchOperations=[
        {"op": "replace", "path": "/description", "value": "described"},
    ])
    assert updated["description"] == "described"
    assert apigateway.get_model(restApiId=api["id"], modelName="Pet")["description"] == "described"


def test_duplicate_model_name_is_409(apigateway, api):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_model(restApiId=api["id"], name="Empty", contentType="application/json", schema=PET_SCHEMA)
    assert status_of(excinfo) == 409
    assert error_of(excinfo) == ("ConflictException", "Model name already exists for this REST API")


def test_model_name_must_be_non_empty(apigateway, api):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_model(restApiId=api["id"], name="", contentType="application/json", schema=PET_SCHEMA)
    assert error_of(excinfo) == ("BadRequestException", "Model name must be non-empty")


@pytest.mark.parametrize(
    "content_type,schema", [("application/json", ""), ("application/json", None), ("application/xml", None)]
)
def test_model_schema_is_required(apigateway, api, content_type, schema):
    arguments = {"schema": schema} if schema is not None else {}
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_model(restApiId=api["id"], name="Bad", contentType=content_type, **arguments)
    assert error_of(excinfo) == (
        "BadRequestException",
        "Model schema must have at least 1 property or array items defined",
    )


def test_update_model_errors(apigateway, api):
    apigateway.create_model(restApiId=api["id"], name="Pet", contentType="application/json", schema=PET_SCHEMA)
    cases = [
        ({"op": "replace", "path": "/schema", "value": ""},
         "Model schema must have at least 1 property or array items defined"),
        ({"op": "add", "path": "/wrong-path", "value": "x"},
         "Invalid patch path  '/wrong-path' specified for op 'add'. Please choose supported operations"),
        ({"op": "replace", "path": "/name", "value": "x"},
         "Invalid patch path  '/name' specified for op 'replace'. Must be one of: [/description, /schema]"),
    ]
    for operation, message in cases:
        with pytest.raises(ClientError) as excinfo:
            apigateway.update_model(restApiId=api["id"], modelName="Pet", patchOperations=[operation])
        assert error_of(excinfo) == ("BadRequestException", message)
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_model(
            restApiId=api["id"], modelName="Pet", patchOperations=[{"op": "wrong-op", "path": "/schema", "value": "{}"}]
        )
    assert error_of(excinfo) == ("ValidationException", bad_op("updateModelInput", 1))
    assert apigateway.get_model(restApiId=api["id"], modelName="Pet")["schema"] == PET_SCHEMA


def test_model_on_unknown_api(apigateway):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_model(restApiId="abcde0", name="MySchema", contentType="application/json", schema=PET_SCHEMA)
    assert error_of(excinfo) == ("NotFoundException", f"Invalid API identifier specified {ACCOUNT}:abcde0")
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_models(restApiId="abcde0")
    assert error_of(excinfo) == ("NotFoundException", f"Invalid API identifier specified {ACCOUNT}:abcde0")


@pytest.mark.parametrize("operation", ["get_model", "delete_model", "update_model"])
def test_single_model_on_unknown_api_names_the_model(apigateway, operation):
    arguments = (
        {"patchOperations": [{"op": "replace", "path": "/description", "value": "x"}]}
        if operation == "update_model"
        else {}
    )
    with pytest.raises(ClientError) as excinfo:
        getattr(apigateway, operation)(restApiId="abcde0", modelName="MySchema", **arguments)
    assert status_of(excinfo) == 404
    assert error_of(excinfo) == ("NotFoundException", "Invalid model name specified: MySchema")


def test_delete_model(apigateway, api):
    apigateway.create_model(restApiId=api["id"], name="Pet", contentType="application/json", schema=PET_SCHEMA)
    assert apigateway.delete_model(restApiId=api["id"], modelName="Pet")["ResponseMetadata"]["HTTPStatusCode"] == 202
    for call in (apigateway.get_model, apigateway.delete_model):
        with pytest.raises(ClientError) as excinfo:
            call(restApiId=api["id"], modelName="Pet")
        assert error_of(excinfo) == ("NotFoundException", "Invalid model name specified: Pet")


def test_model_template_maps_the_input_root(apigateway, api):
    apigateway.create_model(restApiId=api["id"], name="Pet", contentType="application/json", schema=PET_SCHEMA)
    template = apigateway.get_model_template(restApiId=api["id"], modelName="Pet")
    assert template["ResponseMetadata"]["HTTPStatusCode"] == 200
    value = template["value"]
    lines = value.splitlines()
    assert lines[0] == "#set($inputRoot = $input.path('$'))"
    assert lines[1] == "{"
    assert lines[-1] == "}"
    # Strings are quoted, numbers are not.
    assert '"name" : "$inputRoot.name"' in value
    assert '"age" : $inputRoot.age' in value
    assert '"price" : $inputRoot.price' in value


def test_model_template_of_unknown_model(apigateway, api):
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_model_template(restApiId=api["id"], modelName="Nope")
    assert error_of(excinfo) == ("NotFoundException", "Invalid model name specified: Nope")


# --- request validators --------------------------------------------------------------------------


def test_request_validator_crud(apigateway, api):
    assert apigateway.get_request_validators(restApiId=api["id"])["items"] == []
    created = apigateway.create_request_validator(restApiId=api["id"], name="test-validator")
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert body_of(created) == {
        "id": created["id"], "name": "test-validator", "validateRequestBody": False, "validateRequestParameters": False,
    }
    assert body_of(apigateway.get_request_validator(restApiId=api["id"], requestValidatorId=created["id"])) == body_of(
        created
    )
    updated = apigateway.update_request_validator(
        restApiId=api["id"],
        requestValidatorId=created["id"],
        patchOperations=[
            {"op": "replace", "path": "/validateRequestBody", "value": "true"},
            {"op": "replace", "path": "/validateRequestParameters", "value": "true"},
            {"op": "replace", "path": "/name", "value": "renamed"},
        ],
    )
    assert body_of(updated) == {
        "id": created["id"], "name": "renamed", "validateRequestBody": True, "validateRequestParameters": True,
    }
    # A replace without a value is false.
    unset = apigateway.update_request_validator(restApiId=api["id"], requestValidatorId=created["id"], patchOperations=[
        {"op": "replace", "path": "/validateRequestBody"},
    ])
    assert unset["validateRequestBody"] is False
    deleted = apigateway.delete_request_validator(restApiId=api["id"], requestValidatorId=created["id"])
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 202
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_request_validator(restApiId=api["id"], requestValidatorId=created["id"])
    assert error_of(excinfo) == ("NotFoundException", "Invalid Request Validator identifier specified")
    assert apigateway.get_request_validators(restApiId=api["id"])["items"] == []


def test_request_validators_paginate(apigateway, api):
    ids = {
        apigateway.create_request_validator(restApiId=api["id"], name=f"v{index}", validateRequestBody=True)["id"]
        for index in range(5)
    }
    items, sizes = collect(apigateway.get_request_validators, 2, restApiId=api["id"])
    assert sizes == [2, 2, 1]
    assert [item["id"] for item in items if item["id"] in ids] == [item["id"] for item in items]
    assert {item["id"] for item in items} == ids and len(items) == 5
    assert all(item["validateRequestBody"] is True for item in items)


def test_request_validator_on_unknown_api(apigateway):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_request_validator(restApiId="test-fake-rest-id", name="v")
    assert status_of(excinfo) == 400
    assert error_of(excinfo) == ("BadRequestException", "Invalid REST API identifier specified")
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_request_validators(restApiId="test-fake-rest-id")
    assert error_of(excinfo) == ("NotFoundException", f"Invalid API identifier specified {ACCOUNT}:test-fake-rest-id")


@pytest.mark.parametrize("operation", ["get_request_validator", "delete_request_validator"])
@pytest.mark.parametrize("unknown", ["api", "validator"])
def test_unknown_request_validator_or_api_names_the_validator(apigateway, api, operation, unknown):
    validator = apigateway.create_request_validator(restApiId=api["id"], name="v")
    rest_api_id = "test-fake-rest-id" if unknown == "api" else api["id"]
    validator_id = "fake" if unknown == "validator" else validator["id"]
    with pytest.raises(ClientError) as excinfo:
        getattr(apigateway, operation)(restApiId=rest_api_id, requestValidatorId=validator_id)
    assert status_of(excinfo) == 404
    assert error_of(excinfo) == ("NotFoundException", "Invalid Request Validator identifier specified")


@pytest.mark.parametrize(
    "operation,error",
    [
        ({"op": "add", "path": "/validateRequestBody", "value": "true"},
         ("BadRequestException",
          "Invalid patch path  '/validateRequestBody' specified for op 'add'. Please choose supported operations")),
        ({"op": "remove", "path": "/validateRequestBody"},
         ("BadRequestException",
          "Invalid patch path  '/validateRequestBody' specified for op 'remove'. Please choose supported operations")),
        ({"op": "replace", "path": "/invalidPath", "value": "x"},
         ("BadRequestException",
          "Invalid patch path  '/invalidPath' specified for op 'replace'. Must be one of: [/name, "
          "/validateRequestParameters, /validateRequestBody]")),
        ({"op": "replace", "path": "/name"}, ("BadRequestException", "Request Validator name cannot be blank")),
        ({"op": "wrong-op", "path": "/name", "value": "x"},
         ("ValidationException", bad_op("updateRequestValidatorInput", 1))),
    ],
)
def test_update_request_validator_errors(apigateway, api, operation, error):
    validator = apigateway.create_request_validator(restApiId=api["id"], name="v")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_request_validator(
            restApiId=api["id"], requestValidatorId=validator["id"], patchOperations=[operation]
        )
    assert error_of(excinfo) == error
    assert apigateway.get_request_validator(restApiId=api["id"], requestValidatorId=validator["id"])["name"] == "v"


# --- authorizers ---------------------------------------------------------------------------------


def test_token_authorizer(apigateway, api):
    created = apigateway.create_authorizer(
        restApiId=api["id"], name="lambda_authorizer", type="TOKEN", authorizerUri=LAMBDA_URI,
        identitySource="method.request.header.Auth", identityValidationExpression="^Bearer .+$",
        authorizerResultTtlInSeconds=60,
    )
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert body_of(created) == {
        "id": created["id"], "name": "lambda_authorizer", "type": "TOKEN", "authType": "custom",
        "authorizerUri": LAMBDA_URI, "identitySource": "method.request.header.Auth",
        "identityValidationExpression": "^Bearer .+$", "authorizerResultTtlInSeconds": 60,
    }
    assert body_of(apigateway.get_authorizer(restApiId=api["id"], authorizerId=created["id"])) == body_of(created)


def test_request_authorizer_with_several_identity_sources(apigateway, api):
    source = (
        "method.request.header.Custom-Authorization, method.request.querystring.token, stageVariables.key, context.path"
    )
    created = apigateway.create_authorizer(
        restApiId=api["id"], name="request", type="REQUEST", authorizerUri=LAMBDA_URI, identitySource=source,
        authorizerResultTtlInSeconds=300,
    )
    assert (created["type"], created["authType"], created["identitySource"]) == ("REQUEST", "custom", source)
    assert created["authorizerResultTtlInSeconds"] == 300


def test_cognito_authorizer(apigateway, api):
    created = apigateway.create_authorizer(
        restApiId=api["id"], name="cognito", type="COGNITO_USER_POOLS", providerARNs=[USER_POOL],
        identitySource="method.request.header.TestHeaderAuth",
    )
    assert created["type"] == "COGNITO_USER_POOLS"
    assert created["authType"] == "cognito_user_pools"
    assert created["providerARNs"] == [USER_POOL]
    assert created["identitySource"] == "method.request.header.TestHeaderAuth"
    assert "authorizerUri" not in created


def test_token_authorizer_identity_source_must_be_a_header(apigateway, api):
    # AWS's answer, recorded through CloudFormation (serverless/serverless#4428).
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_authorizer(
            restApiId=api["id"], name="t", type="TOKEN", authorizerUri=LAMBDA_URI,
            identitySource="method.request.querystring.key",
        )
    assert error_of(excinfo) == (
        "BadRequestException",
        "Invalid token source expression: method.request.querystring.key. The source must be a method request "
        "header, matching 'method.request.header.[a-zA-Z0-9._-]+'.",
    )


@pytest.mark.parametrize(
    "arguments",
    [
        {"type": "TOKEN", "authorizerUri": LAMBDA_URI},
        {"type": "TOKEN", "authorizerUri": LAMBDA_URI, "identitySource": "Authorization"},
        {"type": "TOKEN", "authorizerUri": LAMBDA_URI,
         "identitySource": "method.request.header.A, method.request.header.B"},
        {"type": "REQUEST", "authorizerUri": LAMBDA_URI, "identitySource": "header.Authorization"},
        {"type": "REQUEST", "authorizerUri": LAMBDA_URI, "authorizerResultTtlInSeconds": 300},
        {"type": "COGNITO_USER_POOLS", "providerARNs": [USER_POOL], "identitySource": "nope"},
        {"type": "COGNITO_USER_POOLS", "identitySource": "method.request.header.Authorization"},
        {"type": "TOKEN", "identitySource": "method.request.header.Authorization"},
    ],
)
def test_invalid_authorizer_configuration_is_a_bad_request(apigateway, api, arguments):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_authorizer(restApiId=api["id"], name="bad", **arguments)
    assert status_of(excinfo) == 400
    assert error_of(excinfo)[0] == "BadRequestException"
    assert apigateway.get_authorizers(restApiId=api["id"])["items"] == []


def test_request_authorizer_without_caching_needs_no_identity_source(apigateway, api):
    created = apigateway.create_authorizer(
        restApiId=api["id"], name="nocache", type="REQUEST", authorizerUri=LAMBDA_URI, authorizerResultTtlInSeconds=0,
    )
    assert created["authorizerResultTtlInSeconds"] == 0
    assert "identitySource" not in created


def test_authorizer_on_unknown_api(apigateway):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_authorizer(
            restApiId="test-fake-rest-id", name="a", type="TOKEN", authorizerUri=LAMBDA_URI,
            identitySource="method.request.header.Auth",
        )
    assert status_of(excinfo) == 409
    assert error_of(excinfo) == (
        "ConflictException", "Unable to complete operation due to concurrent modification. Please try again later."
    )
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_authorizers(restApiId="test-fake-rest-id")
    assert error_of(excinfo) == ("NotFoundException", f"Invalid API identifier specified {ACCOUNT}:test-fake-rest-id")


def test_authorizers_paginate(apigateway, api):
    ids = {
        apigateway.create_authorizer(
            restApiId=api["id"], name=f"a{index}", type="TOKEN", authorizerUri=LAMBDA_URI,
            identitySource="method.request.header.Auth",
        )["id"]
        for index in range(5)
    }
    items, sizes = collect(apigateway.get_authorizers, 2, restApiId=api["id"])
    assert sizes == [2, 2, 1]
    assert len(items) == 5 and {item["id"] for item in items} == ids


def test_update_authorizer(apigateway, api):
    created = apigateway.create_authorizer(
        restApiId=api["id"],
        name="a",
        type="TOKEN",
        authorizerUri=LAMBDA_URI,
        identitySource="method.request.header.Auth",
    )
    updated = apigateway.update_authorizer(restApiId=api["id"], authorizerId=created["id"], patchOperations=[
        {"op": "replace", "path": "/name", "value": "renamed"},
        {"op": "replace", "path": "/authorizerResultTtlInSeconds", "value": "600"},
        {"op": "replace", "path": "/identitySource", "value": "method.request.header.Authorization"},
        {"op": "replace", "path": "/identityValidationExpression", "value": "^x-[a-z]+"},
    ])
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert (updated["name"], updated["authorizerResultTtlInSeconds"]) == ("renamed", 600)
    assert updated["identitySource"] == "method.request.header.Authorization"
    assert updated["identityValidationExpression"] == "^x-[a-z]+"
    assert body_of(apigateway.get_authorizer(restApiId=api["id"], authorizerId=created["id"])) == body_of(updated)


def test_update_cognito_provider_arns(apigateway, api):
    created = apigateway.create_authorizer(
        restApiId=api["id"], name="c", type="COGNITO_USER_POOLS", providerARNs=[USER_POOL],
        identitySource="method.request.header.Authorization",
    )
    other = USER_POOL.replace("ABC123", "XYZ789")
    updated = apigateway.update_authorizer(restApiId=api["id"], authorizerId=created["id"], patchOperations=[
        {"op": "add", "path": "/providerARNs", "value": other},
        {"op": "remove", "path": "/providerARNs", "value": USER_POOL},
    ])
    assert updated["providerARNs"] == [other]


def test_update_authorizer_unknown_op(apigateway, api):
    created = apigateway.create_authorizer(
        restApiId=api["id"],
        name="a",
        type="TOKEN",
        authorizerUri=LAMBDA_URI,
        identitySource="method.request.header.Auth",
    )
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_authorizer(restApiId=api["id"], authorizerId=created["id"], patchOperations=[
            {"op": "wrong-op", "path": "/name", "value": "x"},
        ])
    assert error_of(excinfo) == ("ValidationException", bad_op("updateAuthorizerInput", 1))


def test_delete_authorizer(apigateway, api):
    created = apigateway.create_authorizer(
        restApiId=api["id"],
        name="a",
        type="TOKEN",
        authorizerUri=LAMBDA_URI,
        identitySource="method.request.header.Auth",
    )
    deleted = apigateway.delete_authorizer(restApiId=api["id"], authorizerId=created["id"])
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 202
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_authorizer(restApiId=api["id"], authorizerId=created["id"])
    assert status_of(excinfo) == 404
    assert error_of(excinfo)[0] == "NotFoundException"
    assert apigateway.get_authorizers(restApiId=api["id"])["items"] == []


# --- gateway responses ---------------------------------------------------------------------------


def default_response(response_type):
    response = {
        "responseType": response_type, "defaultResponse": True, "responseParameters": {},
        "responseTemplates": DEFAULT_TEMPLATES,
    }
    if DEFAULT_STATUS[response_type]:
        response["statusCode"] = DEFAULT_STATUS[response_type]
    return response


def test_all_21_default_gateway_responses_sorted_by_type(apigateway, api):
    items = apigateway.get_gateway_responses(restApiId=api["id"], limit=500)["items"]
    assert [item["responseType"] for item in items] == sorted(DEFAULT_STATUS)
    assert len(items) == 21
    assert items == [default_response(response_type) for response_type in sorted(DEFAULT_STATUS)]


def test_gateway_responses_paginate(apigateway, api):
    items, sizes = collect(apigateway.get_gateway_responses, 10, restApiId=api["id"])
    assert sizes == [10, 10, 1]
    assert [item["responseType"] for item in items] == sorted(DEFAULT_STATUS)


def test_get_default_gateway_response(apigateway, api):
    response = apigateway.get_gateway_response(restApiId=api["id"], responseType="MISSING_AUTHENTICATION_TOKEN")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert body_of(response) == default_response("MISSING_AUTHENTICATION_TOKEN")
    default_4xx = apigateway.get_gateway_response(restApiId=api["id"], responseType="DEFAULT_4XX")
    assert "statusCode" not in default_4xx


def test_put_gateway_response_fills_the_rest_with_defaults(apigateway, api):
    status_only = apigateway.put_gateway_response(
        restApiId=api["id"], responseType="MISSING_AUTHENTICATION_TOKEN", statusCode="404"
    )
    assert status_only["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert body_of(status_only) == {
        "responseType": "MISSING_AUTHENTICATION_TOKEN", "statusCode": "404", "defaultResponse": False,
        "responseParameters": {}, "responseTemplates": DEFAULT_TEMPLATES,
    }
    # A second put replaces the whole entry: the status goes back to the type's default.
    parameters_only = apigateway.put_gateway_response(
        restApiId=api["id"], responseType="MISSING_AUTHENTICATION_TOKEN",
        responseParameters={"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"},
    )
    expected = {
        "responseType": "MISSING_AUTHENTICATION_TOKEN", "statusCode": "403", "defaultResponse": False,
        "responseParameters": {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"},
        "responseTemplates": DEFAULT_TEMPLATES,
    }
    assert body_of(parameters_only) == expected
    assert (
        body_of(apigateway.get_gateway_response(restApiId=api["id"], responseType="MISSING_AUTHENTICATION_TOKEN"))
        == expected
    )


def test_default_5xx_propagates_to_default_5xx_types_only(apigateway, api):
    apigateway.put_gateway_response(
        restApiId=api["id"], responseType="AUTHORIZER_FAILURE",
        responseParameters={"gatewayresponse.header.X-Own": "'own'"},
    )
    templates = {"application/json": '{"error": "5xx"}'}
    parameters = {"gatewayresponse.header.X-Family": "'5xx'"}
    put = apigateway.put_gateway_response(
        restApiId=api["id"], responseType="DEFAULT_5XX", statusCode="599", responseParameters=parameters,
        responseTemplates=templates,
    )
    assert put["defaultResponse"] is False
    items = {item["responseType"]: item for item in apigateway.get_gateway_responses(restApiId=api["id"])["items"]}
    for inheriting in (
        "API_CONFIGURATION_ERROR",
        "AUTHORIZER_CONFIGURATION_ERROR",
        "INTEGRATION_FAILURE",
        "INTEGRATION_TIMEOUT",
    ):
        assert items[inheriting] == {
            "responseType": inheriting, "statusCode": "599", "defaultResponse": True, "responseParameters": parameters,
            "responseTemplates": templates,
        }, inheriting
    assert items["AUTHORIZER_FAILURE"] == {
        "responseType": "AUTHORIZER_FAILURE", "statusCode": "500", "defaultResponse": False,
        "responseParameters": {"gatewayresponse.header.X-Own": "'own'"}, "responseTemplates": DEFAULT_TEMPLATES,
    }
    assert items["DEFAULT_5XX"]["defaultResponse"] is False
    for untouched in ("ACCESS_DENIED", "THROTTLED", "DEFAULT_4XX", "BAD_REQUEST_BODY"):
        assert items[untouched] == default_response(untouched)
    single = apigateway.get_gateway_response(restApiId=api["id"], responseType="INTEGRATION_TIMEOUT")
    assert (single["statusCode"], single["defaultResponse"]) == ("599", True)


def test_delete_gateway_response_reverts_to_default(apigateway, api):
    apigateway.put_gateway_response(restApiId=api["id"], responseType="MISSING_AUTHENTICATION_TOKEN", statusCode="404")
    deleted = apigateway.delete_gateway_response(restApiId=api["id"], responseType="MISSING_AUTHENTICATION_TOKEN")
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert body_of(
        apigateway.get_gateway_response(restApiId=api["id"], responseType="MISSING_AUTHENTICATION_TOKEN")
    ) == (default_response("MISSING_AUTHENTICATION_TOKEN"))
    with pytest.raises(ClientError) as excinfo:
        apigateway.delete_gateway_response(restApiId=api["id"], responseType="MISSING_AUTHENTICATION_TOKEN")
    assert status_of(excinfo) == 404
    assert error_of(excinfo) == ("NotFoundException", "Gateway response type not defined on api")


def test_update_gateway_response_materialises_a_default(apigateway, api):
    updated = apigateway.update_gateway_response(restApiId=api["id"], responseType="DEFAULT_4XX", patchOperations=[
        {"op": "replace", "path": "/statusCode", "value": "444"},
    ])
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert body_of(updated) == {
        "responseType": "DEFAULT_4XX", "statusCode": "444", "defaultResponse": False, "responseParameters": {},
        "responseTemplates": DEFAULT_TEMPLATES,
    }


def test_update_gateway_response_parameters_and_templates(apigateway, api):
    apigateway.put_gateway_response(
        restApiId=api["id"], responseType="ACCESS_DENIED",
        responseParameters={"gatewayresponse.header.Access-Control-Allow-Origin": "'a'"},
    )
    updated = apigateway.update_gateway_response(
        restApiId=api["id"],
        responseType="ACCESS_DENIED",
        patchOperations=[
            {
                "op": "replace",
                "path": "/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin",
                "value": "'b'",
            },
            {"op": "add", "path": "/responseParameters/gatewayresponse.header.X-New", "value": "'n'"},
            {"op": "add", "path": "/responseTemplates/application~1xml", "value": "<error/>"},
            {"op": "remove", "path": "/responseTemplates/application~1json"},
        ],
    )
    assert updated["responseParameters"] == {
        "gatewayresponse.header.Access-Control-Allow-Origin": "'b'", "gatewayresponse.header.X-New": "'n'",
    }
    assert updated["responseTemplates"] == {"application/xml": "<error/>"}
    assert updated["statusCode"] == "403"


@pytest.mark.parametrize(
    "operation,error",
    [
        (
            {"op": "add", "path": "/statusCode", "value": "400"},
            ("BadRequestException", "Invalid patch path /statusCode"),
        ),
        ({"op": "remove", "path": "/statusCode"}, ("BadRequestException", "Invalid patch path /statusCode")),
        ({"op": "add", "path": "/wrongPath", "value": "x"}, ("BadRequestException", "Invalid patch path /wrongPath")),
        ({"op": "replace", "value": "x"}, ("BadRequestException", "Invalid patch path null")),
        (
            {
                "op": "replace",
                "path": "/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin",
                "value": "'*'",
            },
            ("NotFoundException", "Invalid parameter name specified"),
        ),
        (
            {"op": "replace", "path": "/responseTemplates/application~1json"},
            ("BadRequestException", "Invalid null or empty value in responseTemplates"),
        ),
        (
            {"op": "wrong-op", "path": "/statusCode", "value": "400"},
            ("ValidationException", bad_op("updateGatewayResponseInput", 1)),
        ),
    ],
)
def test_update_gateway_response_errors(apigateway, api, operation, error):
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_gateway_response(restApiId=api["id"], responseType="DEFAULT_5XX", patchOperations=[operation])
    assert error_of(excinfo) == error
    assert body_of(
        apigateway.get_gateway_response(restApiId=api["id"], responseType="DEFAULT_5XX")
    ) == default_response("DEFAULT_5XX")


def test_update_gateway_response_null_parameter_value(apigateway, api):
    apigateway.put_gateway_response(
        restApiId=api["id"], responseType="DEFAULT_4XX", responseParameters={"gatewayresponse.header.X": "'x'"},
    )
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_gateway_response(restApiId=api["id"], responseType="DEFAULT_4XX", patchOperations=[
            {"op": "replace", "path": "/responseParameters/gatewayresponse.header.X"},
        ])
    assert error_of(excinfo) == ("BadRequestException", "Invalid null or empty value in responseParameters")


@pytest.mark.parametrize("operation", ["get", "put", "update", "delete"])
def test_unknown_gateway_response_type(apigateway, api, operation):
    call = getattr(apigateway, f"{operation}_gateway_response")
    arguments = (
        {"patchOperations": [{"op": "replace", "path": "/statusCode", "value": "400"}]} if operation == "update" else {}
    )
    with pytest.raises(ClientError) as excinfo:
        call(restApiId=api["id"], responseType="FAKE_RESPONSE_TYPE", **arguments)
    assert status_of(excinfo) == 400
    assert error_of(excinfo) == (
        "ValidationException",
        "1 validation error detected: Value 'FAKE_RESPONSE_TYPE' at 'responseType' failed to satisfy constraint: "
        f"Member must satisfy enum value set: [{RESPONSE_TYPES_IN_AWS_ORDER}]",
    )


@pytest.mark.parametrize(
    "operation", ["get_gateway_responses", "get_gateway_response", "delete_gateway_response", "update_gateway_response"]
)
def test_gateway_responses_of_unknown_api(apigateway, operation):
    arguments = {"responseType": "DEFAULT_4XX"} if operation != "get_gateway_responses" else {}
    if operation == "update_gateway_response":
        arguments["patchOperations"] = [{"op": "replace", "path": "/statusCode", "value": "400"}]
    with pytest.raises(ClientError) as excinfo:
        getattr(apigateway, operation)(restApiId="fake-api-id", **arguments)
    assert error_of(excinfo) == ("NotFoundException", f"Invalid API identifier specified {ACCOUNT}:fake-api-id")


def test_unknown_authorizer_ids_are_named_as_aws_names_them(apigateway, api):
    # AWS writes "Authorizer" with a capital A in this message.
    for call in (
        lambda: apigateway.get_authorizer(restApiId=api["id"], authorizerId="nope"),
        lambda: apigateway.update_authorizer(restApiId=api["id"], authorizerId="nope", patchOperations=[]),
        lambda: apigateway.delete_authorizer(restApiId=api["id"], authorizerId="nope"),
    ):
        with pytest.raises(ClientError) as excinfo:
            call()
        assert status_of(excinfo) == 404
        assert error_of(excinfo) == ("NotFoundException", "Invalid Authorizer identifier specified")
