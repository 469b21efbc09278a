"""Methods, method responses, integrations and integration responses of REST APIs, through boto3,
as AWS API Gateway answers them."""

import json

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from conftest import CLIENT_CONFIG, CREDENTIALS, REGION
from aws_answers import ACCOUNT, OP_ENUM, body_of, error_of, status_of

LAMBDA_ARN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:handler"
LAMBDA_URI = f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{LAMBDA_ARN}/invocations"
STATUS_PATTERN_ERROR = (
    "Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: "
    "[1-5]\\d\\d"
)


def bad_op(input_name, index, value="wrong_op"):
    return (
        f"Value '{value}' at '{input_name}.patchOperations.{index}.member.op' failed to satisfy constraint: "
        f"Member must satisfy enum value set: {OP_ENUM}"
    )


@pytest.fixture
def unvalidated(portico):
    """A boto3 client that sends parameters as given, for values boto3 itself would refuse."""
    import boto3

    return boto3.client(
        "apigateway", endpoint_url=portico.endpoint, region_name=REGION,
        config=CLIENT_CONFIG.merge(Config(parameter_validation=False)), **CREDENTIALS,
    )


@pytest.fixture
def api(apigateway):
    return apigateway.create_rest_api(name="methods")


@pytest.fixture
def pets(apigateway, api):
    return apigateway.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="pets")


@pytest.fixture
def target(apigateway, api, pets):
    """A GET method on /pets; keyword arguments naming it."""
    apigateway.put_method(restApiId=api["id"], resourceId=pets["id"], httpMethod="GET", authorizationType="NONE")
    return {"restApiId": api["id"], "resourceId": pets["id"], "httpMethod": "GET"}


@pytest.fixture
def mock(apigateway, target):
    apigateway.put_integration(**target, type="MOCK", requestTemplates={"application/json": '{"statusCode": 200}'})
    return target


def authorizer(apigateway, api):
    return apigateway.create_authorizer(
        restApiId=api["id"], name="auth", type="TOKEN", authorizerUri=LAMBDA_URI,
        identitySource="method.request.header.Authorization",
    )


# --- PutMethod / GetMethod / DeleteMethod --------------------------------------------------------


def test_put_method_minimal_shape(apigateway, api, pets):
    method = apigateway.put_method(
        restApiId=api["id"], resourceId=pets["id"], httpMethod="ANY", authorizationType="none"
    )
    assert method["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert body_of(method) == {"apiKeyRequired": False, "authorizationType": "NONE", "httpMethod": "ANY"}
    fetched = apigateway.get_method(restApiId=api["id"], resourceId=pets["id"], httpMethod="ANY")
    assert body_of(fetched) == {"apiKeyRequired": False, "authorizationType": "NONE", "httpMethod": "ANY"}


def test_put_method_keeps_its_options(apigateway, api, pets):
    validator = apigateway.create_request_validator(restApiId=api["id"], name="v", validateRequestParameters=True)
    method = apigateway.put_method(
        restApiId=api["id"], resourceId=pets["id"], httpMethod="POST", authorizationType="AWS_IAM",
        apiKeyRequired=True, operationName="CreatePet", requestValidatorId=validator["id"],
        requestParameters={"method.request.querystring.page": False, "method.request.header.X-Trace": True},
        requestModels={"application/json": "Empty"},
    )
    expected = {
        "httpMethod": "POST", "authorizationType": "AWS_IAM", "apiKeyRequired": True, "operationName": "CreatePet",
        "requestValidatorId": validator["id"],
        "requestParameters": {"method.request.querystring.page": False, "method.request.header.X-Trace": True},
        "requestModels": {"application/json": "Empty"},
    }
    assert body_of(method) == expected
    assert body_of(apigateway.get_method(restApiId=api["id"], resourceId=pets["id"], httpMethod="POST")) == expected


def test_get_method_embeds_integration_and_responses(apigateway, mock):
    apigateway.put_method_response(**mock, statusCode="200", responseModels={"application/json": "Empty"})
    apigateway.put_integration_response(**mock, statusCode="200", responseTemplates={"application/json": "{}"})
    method = apigateway.get_method(**mock)
    assert method["methodResponses"] == {"200": {"statusCode": "200", "responseModels": {"application/json": "Empty"}}}
    integration = method["methodIntegration"]
    assert integration["type"] == "MOCK"
    assert integration["integrationResponses"] == {
        "200": {"statusCode": "200", "responseTemplates": {"application/json": "{}"}}
    }


def test_put_method_with_cognito_or_custom_authorizer(apigateway, api, pets):
    auth = authorizer(apigateway, api)
    method = apigateway.put_method(
        restApiId=api["id"],
        resourceId=pets["id"],
        httpMethod="GET",
        authorizationType="CUSTOM",
        authorizerId=auth["id"],
    )
    assert (method["authorizationType"], method["authorizerId"]) == ("CUSTOM", auth["id"])


@pytest.mark.parametrize("authorization", ["CUSTOM", "COGNITO_USER_POOLS"])
def test_put_method_authorizer_is_required_for_custom_and_cognito(apigateway, api, pets, authorization):
    for extra in ({}, {"authorizerId": "nope"}):
        with pytest.raises(ClientError) as excinfo:
            apigateway.put_method(
                restApiId=api["id"], resourceId=pets["id"], httpMethod="GET", authorizationType=authorization, **extra,
            )
        assert error_of(excinfo) == (
            "BadRequestException",
            "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires "
            "a valid authorizer.",
        )
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_method(restApiId=api["id"], resourceId=pets["id"], httpMethod="GET")
    assert error_of(excinfo) == ("NotFoundException", "Invalid Method identifier specified")


@pytest.mark.parametrize("unknown", ["api", "resource"])
def test_put_method_on_unknown_api_or_resource_is_an_unknown_resource(apigateway, api, unknown):
    rest_api_id = "fake-api" if unknown == "api" else api["id"]
    resource_id = "fake-resource" if unknown == "resource" else api["rootResourceId"]
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_method(
            restApiId=rest_api_id, resourceId=resource_id, httpMethod="WRONG", authorizationType="NONE"
        )
    assert status_of(excinfo) == 404
    assert error_of(excinfo) == ("NotFoundException", "Invalid Resource identifier specified")


# Every call addressed by API and resource reports an unknown API as an unknown resource (recorded
# on AWS for UpdateMethod, GetIntegration, Put/Get/DeleteIntegrationResponse; the rest of the
# family answers the same way).
RESOURCE_SCOPED_CALLS = [
    ("get_method", {}),
    ("delete_method", {}),
    ("update_method", {"patchOperations": []}),
    ("put_method_response", {"statusCode": "200"}),
    ("get_method_response", {"statusCode": "200"}),
    ("update_method_response", {"statusCode": "200", "patchOperations": []}),
    ("delete_method_response", {"statusCode": "200"}),
    ("put_integration", {"type": "MOCK"}),
    ("get_integration", {}),
    ("update_integration", {"patchOperations": []}),
    ("delete_integration", {}),
    ("put_integration_response", {"statusCode": "200"}),
    ("get_integration_response", {"statusCode": "200"}),
    ("update_integration_response", {"statusCode": "200", "patchOperations": []}),
    ("delete_integration_response", {"statusCode": "200"}),
    ("test_invoke_method", {}),
]


@pytest.mark.parametrize("operation,extra", RESOURCE_SCOPED_CALLS, ids=[call for call, _ in RESOURCE_SCOPED_CALLS])
def test_unknown_api_on_a_resource_scoped_call_is_an_unknown_resource(apigateway, mock, operation, extra):
    with pytest.raises(ClientError) as excinfo:
        getattr(apigateway, operation)(**{**mock, "restApiId": "fake-api"}, **extra)
    assert status_of(excinfo) == 404
    assert error_of(excinfo) == ("NotFoundException", "Invalid Resource identifier specified")


def test_delete_integration_response_not_found_order(apigateway, api):
    # AWS: an unknown resource or API first, then a method without an integration (a verb that is
    # not one included), then the status code.
    root = {"restApiId": api["id"], "resourceId": api["rootResourceId"]}
    apigateway.put_method(**root, httpMethod="GET", authorizationType="NONE")
    apigateway.put_integration(**root, httpMethod="GET", type="MOCK")
    apigateway.put_integration_response(**root, httpMethod="GET", statusCode="200")
    cases = [
        ({**root, "resourceId": "bad-resource", "httpMethod": "GET"}, "200", "Invalid Resource identifier specified"),
        ({**root, "restApiId": "bad-api-id", "httpMethod": "GET"}, "200", "Invalid Resource identifier specified"),
        ({**root, "httpMethod": "POST"}, "200", "Invalid Integration identifier specified"),
        ({**root, "httpMethod": "WRONG"}, "200", "Invalid Integration identifier specified"),
        ({**root, "httpMethod": "GET"}, "201", "Invalid Response status code specified"),
    ]
    for target, status, message in cases:
        with pytest.raises(ClientError) as excinfo:
            apigateway.delete_integration_response(**target, statusCode=status)
        assert status_of(excinfo) == 404
        assert error_of(excinfo) == ("NotFoundException", message)
    assert apigateway.get_integration_response(**root, httpMethod="GET", statusCode="200")["statusCode"] == "200"


def test_put_method_with_invalid_http_method(apigateway, api, pets):
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_method(restApiId=api["id"], resourceId=pets["id"], httpMethod="WRONG", authorizationType="NONE")
    assert error_of(excinfo) == (
        "BadRequestException",
        "Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY",
    )


def test_put_method_with_unknown_validator_or_model(apigateway, api, pets):
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_method(
            restApiId=api["id"], resourceId=pets["id"], httpMethod="GET", authorizationType="NONE",
            requestValidatorId="fake-validator",
        )
    assert error_of(excinfo) == ("BadRequestException", "Invalid Request Validator identifier specified")
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_method(
            restApiId=api["id"], resourceId=pets["id"], httpMethod="GET", authorizationType="NONE",
            requestModels={"application/json": "petModel"},
        )
    assert error_of(excinfo) == ("BadRequestException", "Invalid model identifier specified: petModel")


def test_put_method_parameter_names_must_be_unique_across_locations(apigateway, api, pets):
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_method(
            restApiId=api["id"], resourceId=pets["id"], httpMethod="GET", authorizationType="NONE",
            requestParameters={"method.request.querystring.optional": True, "method.request.header.optional": True},
        )
    assert error_of(excinfo) == (
        "BadRequestException",
        "Parameter names must be unique across querystring, header and path",
    )


def test_put_method_non_string_parameter_name(unvalidated, api, pets):
    with pytest.raises(ClientError) as excinfo:
        unvalidated.put_method(
            restApiId=api["id"], resourceId=pets["id"], httpMethod="GET", authorizationType="NONE",
            requestParameters={True: True},
        )
    assert error_of(excinfo) == (
        "BadRequestException",
        "Invalid mapping expression specified: Validation Result: warnings : [], errors : "
        "[Invalid mapping expression specified: true]",
    )


def test_delete_method(apigateway, target):
    deleted = apigateway.delete_method(**target)
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    for call in (apigateway.get_method, apigateway.delete_method):
        with pytest.raises(ClientError) as excinfo:
            call(**target)
        assert status_of(excinfo) == 404
        assert error_of(excinfo) == ("NotFoundException", "Invalid Method identifier specified")
    resource = apigateway.get_resource(restApiId=target["restApiId"], resourceId=target["resourceId"])
    assert "resourceMethods" not in resource


# --- UpdateMethod --------------------------------------------------------------------------------


def test_update_method_request_parameters_and_models(apigateway, target):
    updated = apigateway.update_method(**target, patchOperations=[
        {"op": "add", "path": "/requestParameters/method.request.querystring.optional", "value": "true"},
        {"op": "add", "path": "/requestParameters/method.request.header.X-Id", "value": "false"},
        {"op": "add", "path": "/requestModels/application~1json", "value": "Empty"},
    ])
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert updated["requestParameters"] == {
        "method.request.querystring.optional": True, "method.request.header.X-Id": False,
    }
    assert updated["requestModels"] == {"application/json": "Empty"}
    replaced = apigateway.update_method(**target, patchOperations=[
        {"op": "replace", "path": "/requestParameters/method.request.querystring.optional", "value": "false"},
        {"op": "replace", "path": "/requestModels/application~1json", "value": "Error"},
    ])
    assert replaced["requestParameters"]["method.request.querystring.optional"] is False
    assert replaced["requestModels"] == {"application/json": "Error"}
    removed = apigateway.update_method(**target, patchOperations=[
        {"op": "remove", "path": "/requestParameters/method.request.querystring.optional"},
        {"op": "remove", "path": "/requestParameters/method.request.header.X-Id"},
        {"op": "remove", "path": "/requestModels/application~1json"},
    ])
    assert "requestParameters" not in removed
    assert "requestModels" not in removed
    fetched = apigateway.get_method(**target)
    assert "requestParameters" not in fetched and "requestModels" not in fetched


def test_update_method_scalar_fields(apigateway, target):
    updated = apigateway.update_method(**target, patchOperations=[
        {"op": "replace", "path": "/operationName", "value": "ListPets"},
        {"op": "replace", "path": "/apiKeyRequired", "value": "true"},
        {"op": "replace", "path": "/authorizationType", "value": "AWS_IAM"},
    ])
    assert (updated["operationName"], updated["apiKeyRequired"], updated["authorizationType"]) == (
        "ListPets", True, "AWS_IAM"
    )
    # Anything but "true" is false.
    loose = apigateway.update_method(**target, patchOperations=[
        {"op": "replace", "path": "/apiKeyRequired", "value": "whatever"},
    ])
    assert loose["apiKeyRequired"] is False


def test_update_method_authorizer_is_ignored_without_custom_authorization(apigateway, api, target):
    ignored = apigateway.update_method(**target, patchOperations=[
        {"op": "replace", "path": "/authorizerId", "value": "abc123"},
    ])
    assert "authorizerId" not in ignored
    assert ignored["authorizationType"] == "NONE"
    auth = authorizer(apigateway, api)
    custom = apigateway.update_method(**target, patchOperations=[
        {"op": "replace", "path": "/authorizerId", "value": auth["id"]},
        {"op": "replace", "path": "/authorizationType", "value": "CUSTOM"},
    ])
    assert (custom["authorizationType"], custom["authorizerId"]) == ("CUSTOM", auth["id"])


def test_update_method_authorization_scopes(apigateway, api, pets):
    cognito = apigateway.create_authorizer(
        restApiId=api["id"], name="cognito", type="COGNITO_USER_POOLS",
        providerARNs=[f"arn:aws:cognito-idp:{REGION}:{ACCOUNT}:userpool/{REGION}_ABC123"],
        identitySource="method.request.header.Authorization",
    )
    method = apigateway.put_method(
        restApiId=api["id"], resourceId=pets["id"], httpMethod="GET", authorizationType="COGNITO_USER_POOLS",
        authorizerId=cognito["id"], authorizationScopes=["openid"],
    )
    assert (method["authorizationType"], method["authorizerId"], method["authorizationScopes"]) == (
        "COGNITO_USER_POOLS", cognito["id"], ["openid"]
    )
    target = {"restApiId": api["id"], "resourceId": pets["id"], "httpMethod": "GET"}
    # One op per scope, the scope as the value (what Terraform sends).
    added = apigateway.update_method(**target, patchOperations=[
        {"op": "add", "path": "/authorizationScopes", "value": "email"},
    ])
    assert added["authorizationScopes"] == ["openid", "email"]
    removed = apigateway.update_method(**target, patchOperations=[
        {"op": "remove", "path": "/authorizationScopes", "value": "openid"},
    ])
    assert removed["authorizationScopes"] == ["email"]


@pytest.mark.parametrize(
    "operations",
    [
        [{"op": "replace", "path": "/authorizationType", "value": "CUSTOM"}],
        [{"op": "replace", "path": "/authorizationType", "value": "CUSTOM"},
         {"op": "replace", "path": "/authorizerId", "value": "abc123"}],
    ],
)
def test_update_method_to_custom_needs_a_real_authorizer(apigateway, target, operations):
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_method(**target, patchOperations=operations)
    assert error_of(excinfo) == (
        "BadRequestException",
        "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a "
        "valid authorizer.",
    )
    assert apigateway.get_method(**target)["authorizationType"] == "NONE"


def test_update_method_request_validator(apigateway, api, target):
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_method(**target, patchOperations=[
            {"op": "replace", "path": "/requestValidatorId", "value": "fake-id"},
        ])
    assert error_of(excinfo) == ("BadRequestException", "Invalid Request Validator identifier specified")
    validator = apigateway.create_request_validator(restApiId=api["id"], name="v")
    with_validator = apigateway.update_method(**target, patchOperations=[
        {"op": "replace", "path": "/requestValidatorId", "value": validator["id"]},
    ])
    assert with_validator["requestValidatorId"] == validator["id"]
    # A null value clears it (what Terraform sends).
    cleared = apigateway.update_method(**target, patchOperations=[{"op": "replace", "path": "/requestValidatorId"}])
    assert "requestValidatorId" not in cleared


@pytest.mark.parametrize(
    "operation,message",
    [
        ({"op": "add", "path": "/operationName", "value": "x"},
         "Invalid patch operation specified. Must be one of: [replace]"),
        ({"op": "add", "path": "/requestValidatorId", "value": "x"},
         "Invalid patch operation specified. Must be one of: [replace]"),
        ({"op": "add", "path": "/httpMethod", "value": "PUT"}, "Invalid patch path /httpMethod"),
        ({"op": "replace", "path": "/requestParameters", "value": "x"}, "Invalid patch path /requestParameters"),
        ({"op": "add", "path": "/requestModels/application/json", "value": "Empty"},
         "Invalid patch path /requestModels/application/json"),
    ],
)
def test_update_method_invalid_paths_and_ops(apigateway, target, operation, message):
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_method(**target, patchOperations=[operation])
    assert error_of(excinfo) == ("BadRequestException", message)
    assert body_of(apigateway.get_method(**target)) == {
        "apiKeyRequired": False, "authorizationType": "NONE", "httpMethod": "GET",
    }


def test_update_method_unknown_op(apigateway, target):
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_method(**target, patchOperations=[{"op": "wrong_op", "path": "/operationName", "value": "x"}])
    assert error_of(excinfo) == (
        "ValidationException",
        "1 validation error detected: " + bad_op("updateMethodInput", 1),
    )


def test_update_method_on_missing_method_or_resource(apigateway, api, pets):
    operations = [{"op": "replace", "path": "/operationName", "value": "x"}]
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_method(
            restApiId=api["id"], resourceId=pets["id"], httpMethod="GET", patchOperations=operations
        )
    assert error_of(excinfo) == ("NotFoundException", "Invalid Method identifier specified")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_method(restApiId=api["id"], resourceId="nope", httpMethod="GET", patchOperations=operations)
    assert error_of(excinfo) == ("NotFoundException", "Invalid Resource identifier specified")


# --- method responses ----------------------------------------------------------------------------


def test_put_method_response_shapes(apigateway, target):
    bare = apigateway.put_method_response(**target, statusCode="200")
    assert bare["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert body_of(bare) == {"statusCode": "200"}
    empty_maps = apigateway.put_method_response(**target, statusCode="400", responseParameters={}, responseModels={})
    assert body_of(empty_maps) == {"statusCode": "400", "responseParameters": {}, "responseModels": {}}
    full = apigateway.put_method_response(
        **target, statusCode="500", responseParameters={"method.response.header.my-header": True},
        responseModels={"application/json": "Error"},
    )
    expected = {
        "statusCode": "500", "responseParameters": {"method.response.header.my-header": True},
        "responseModels": {"application/json": "Error"},
    }
    assert body_of(full) == expected
    assert body_of(apigateway.get_method_response(**target, statusCode="500")) == expected


def test_update_method_response_answers_201_and_drops_emptied_maps(apigateway, target):
    apigateway.put_method_response(**target, statusCode="200")
    added = apigateway.update_method_response(**target, statusCode="200", patchOperations=[
        {"op": "add", "path": "/responseParameters/method.response.header.my-header", "value": "true"},
        {"op": "add", "path": "/responseModels/application~1json", "value": "Empty"},
    ])
    assert added["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert body_of(added) == {
        "statusCode": "200", "responseParameters": {"method.response.header.my-header": True},
        "responseModels": {"application/json": "Empty"},
    }
    replaced = apigateway.update_method_response(**target, statusCode="200", patchOperations=[
        {"op": "replace", "path": "/responseParameters/method.response.header.my-header", "value": "false"},
        {"op": "replace", "path": "/responseModels/application~1json", "value": "Error"},
    ])
    assert replaced["responseParameters"] == {"method.response.header.my-header": False}
    assert replaced["responseModels"] == {"application/json": "Error"}
    removed = apigateway.update_method_response(**target, statusCode="200", patchOperations=[
        {"op": "remove", "path": "/responseParameters/method.response.header.my-header"},
        {"op": "remove", "path": "/responseModels/application~1json"},
    ])
    assert body_of(removed) == {"statusCode": "200"}
    assert body_of(apigateway.get_method_response(**target, statusCode="200")) == {"statusCode": "200"}


@pytest.mark.parametrize(
    "operation,error",
    [
        ({"op": "remove", "path": "/responseParameters/method.response.header.my-header"},
         ("NotFoundException", "Invalid parameter name specified")),
        ({"op": "replace", "path": "/responseParameters/wrong", "value": "true"},
         ("NotFoundException", "Invalid parameter name specified")),
        ({"op": "remove", "path": "/responseModels/application~1json"},
         ("NotFoundException", "Content-Type specified was not found")),
        ({"op": "replace", "path": "/responseModels/wrong", "value": "Empty"},
         ("NotFoundException", "Content-Type specified was not found")),
        ({"op": "remove", "path": "/wrong/method.response.header.my-header"},
         ("BadRequestException", "Invalid patch path /wrong/method.response.header.my-header")),
    ],
)
def test_update_method_response_errors(apigateway, target, operation, error):
    apigateway.put_method_response(**target, statusCode="200")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_method_response(**target, statusCode="200", patchOperations=[operation])
    assert error_of(excinfo) == error


def test_update_method_response_unknown_status_or_method(apigateway, target):
    apigateway.put_method_response(**target, statusCode="200")
    operations = [{"op": "add", "path": "/responseModels/application~1json", "value": "Empty"}]
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_method_response(**target, statusCode="201", patchOperations=operations)
    assert error_of(excinfo) == ("NotFoundException", "Invalid Response status code specified")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_method_response(
            restApiId=target["restApiId"], resourceId=target["resourceId"], httpMethod="POST", statusCode="200",
            patchOperations=operations,
        )
    assert error_of(excinfo) == ("NotFoundException", "Invalid Method identifier specified")


def test_update_method_response_validation_errors_list_ops_then_status(apigateway, target):
    apigateway.put_method_response(**target, statusCode="200")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_method_response(**target, statusCode="wrong", patchOperations=[
            {"op": "add", "path": "/responseModels/application~1json", "value": "Empty"},
        ])
    assert error_of(excinfo) == ("ValidationException", "1 validation error detected: " + STATUS_PATTERN_ERROR)
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_method_response(**target, statusCode="wrong", patchOperations=[
            {"op": "wrong_op", "path": "/responseModels/application~1json", "value": "Empty"},
        ])
    assert error_of(excinfo) == (
        "ValidationException",
        "2 validation errors detected: " + bad_op("updateMethodResponseInput", 1) + "; " + STATUS_PATTERN_ERROR,
    )
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_method_response(**target, statusCode="200", patchOperations=[
            {"op": "wrong_op", "path": "/responseModels/application~1json", "value": "Empty"},
            {"op": "add", "path": "/responseModels/application~1json", "value": "Empty"},
            {"op": "wrong_op", "path": "/responseModels/application~1json", "value": "Empty"},
        ])
    assert error_of(excinfo) == (
        "ValidationException",
        "2 validation errors detected: " + bad_op("updateMethodResponseInput", 1) + "; "
        + bad_op("updateMethodResponseInput", 3),
    )


def test_delete_method_response(apigateway, target):
    apigateway.put_method_response(**target, statusCode="200")
    assert apigateway.delete_method_response(**target, statusCode="200")["ResponseMetadata"]["HTTPStatusCode"] == 204
    for call in (apigateway.get_method_response, apigateway.delete_method_response):
        with pytest.raises(ClientError) as excinfo:
            call(**target, statusCode="200")
        assert error_of(excinfo) == ("NotFoundException", "Invalid Response status code specified")
    assert "methodResponses" not in apigateway.get_method(**target)


# --- integrations --------------------------------------------------------------------------------


def test_mock_integration_defaults(apigateway, target):
    integration = apigateway.put_integration(**target, type="MOCK")
    assert integration["ResponseMetadata"]["HTTPStatusCode"] == 201
    expected = {
        "type": "MOCK", "passthroughBehavior": "WHEN_NO_MATCH", "timeoutInMillis": 29000,
        "cacheNamespace": target["resourceId"], "cacheKeyParameters": [],
    }
    assert body_of(integration) == expected
    assert body_of(apigateway.get_integration(**target)) == expected


def test_mock_integration_keeps_no_uri_or_http_method(apigateway, api, target):
    expected = {
        "type": "MOCK", "passthroughBehavior": "WHEN_NO_MATCH", "timeoutInMillis": 29000,
        "cacheNamespace": target["resourceId"], "cacheKeyParameters": [],
    }
    with_uri = apigateway.put_integration(**target, type="MOCK", uri="http://example.com")
    assert body_of(with_uri) == expected
    templates = {"application/json": '{"statusCode": 200}'}
    parameters = {"integration.request.header.X-Id": "'1'"}
    with_method = apigateway.put_integration(
        **target, type="MOCK", integrationHttpMethod="POST", requestParameters=parameters, requestTemplates=templates,
    )
    assert body_of(with_method) == {**expected, "requestParameters": parameters, "requestTemplates": templates}
    assert body_of(apigateway.get_integration(**target)) == body_of(with_method)
    assert "httpMethod" not in apigateway.get_method(**target)["methodIntegration"]
    imported = apigateway.import_rest_api(body=json.dumps({
        "openapi": "3.0.1", "info": {"title": "t", "version": "1"},
        "paths": {"/": {"options": {"x-amazon-apigateway-integration": {
            "type": "mock", "httpMethod": "POST", "requestTemplates": templates,
            "responses": {"default": {"statusCode": "200"}},
        }}}},
    }).encode())
    root = apigateway.get_integration(restApiId=imported["id"], resourceId=imported["rootResourceId"], httpMethod="OPTIONS")
    assert "httpMethod" not in root and "uri" not in root


@pytest.mark.parametrize("kind", ["HTTP", "HTTP_PROXY"])
def test_http_integrations_have_internet_connection_type(apigateway, target, kind):
    integration = apigateway.put_integration(
        **target, type=kind, integrationHttpMethod="POST", uri="https://example.com/pets/{id}",
    )
    assert body_of(integration) == {
        "type": kind, "httpMethod": "POST", "uri": "https://example.com/pets/{id}", "connectionType": "INTERNET",
        "passthroughBehavior": "WHEN_NO_MATCH", "timeoutInMillis": 29000, "cacheNamespace": target["resourceId"],
        "cacheKeyParameters": [],
    }


@pytest.mark.parametrize("kind", ["AWS", "AWS_PROXY"])
def test_aws_integrations_to_lambda_have_no_connection_type(apigateway, target, kind):
    integration = apigateway.put_integration(**target, type=kind, integrationHttpMethod="POST", uri=LAMBDA_URI)
    assert integration["type"] == kind
    assert integration["uri"] == LAMBDA_URI
    assert integration["httpMethod"] == "POST"
    assert "connectionType" not in integration


def test_aws_integration_to_s3_path_with_credentials(apigateway, target):
    uri = f"arn:aws:apigateway:{REGION}:s3:path/bucket/{{object}}"
    role = f"arn:aws:iam::{ACCOUNT}:role/s3-access"
    integration = apigateway.put_integration(
        **target, type="AWS", integrationHttpMethod="GET", uri=uri, credentials=role,
        requestParameters={"integration.request.path.object": "method.request.path.object"},
        contentHandling="CONVERT_TO_BINARY", passthroughBehavior="WHEN_NO_TEMPLATES", timeoutInMillis=5000,
        cacheNamespace="ns", cacheKeyParameters=["method.request.path.object"],
    )
    assert body_of(integration) == {
        "type": "AWS", "httpMethod": "GET", "uri": uri, "credentials": role,
        "requestParameters": {"integration.request.path.object": "method.request.path.object"},
        "contentHandling": "CONVERT_TO_BINARY", "passthroughBehavior": "WHEN_NO_TEMPLATES", "timeoutInMillis": 5000,
        "cacheNamespace": "ns", "cacheKeyParameters": ["method.request.path.object"],
    }


def test_put_integration_with_unknown_type_is_a_validation_error(apigateway, target):
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_integration(**target, type="HTTPS_PROXY", integrationHttpMethod="GET", uri="https://example.com")
    assert error_of(excinfo) == (
        "ValidationException",
        "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy "
        "constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]",
    )


@pytest.mark.parametrize(
    "kind,uri", [("HTTP", "https://example.com"), ("HTTP_PROXY", "https://example.com"), ("AWS", LAMBDA_URI)]
)
def test_integration_http_method_is_required_except_for_mock(apigateway, target, kind, uri):
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_integration(**target, type=kind, uri=uri)
    assert error_of(excinfo) == ("BadRequestException", "Enumeration value for HttpMethod must be non-empty")
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_integration(**target)
    assert error_of(excinfo) == ("NotFoundException", "Invalid Integration identifier specified")


@pytest.mark.parametrize(
    "kind,uri,message",
    [
        ("HTTP", "non-valid-http", "Invalid HTTP endpoint specified for URI"),
        ("HTTP_PROXY", "non-valid-http", "Invalid HTTP endpoint specified for URI"),
        ("AWS", "non-valid-arn", "Invalid ARN specified in the request"),
        (
            "AWS",
            "arn:aws:iam::0000000000:role/service-role/asdf",
            "AWS ARN for integration must contain path or action",
        ),
        ("AWS_PROXY", LAMBDA_ARN, "AWS ARN for integration must contain path or action"),
        (
            "AWS_PROXY",
            f"arn:aws:apigateway:{REGION}:s3:path/b/k",
            "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.",
        ),
        (
            "AWS_PROXY",
            f"arn:aws:apigateway:{REGION}:dynamodb:action/Scan",
            "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.",
        ),
    ],
)
def test_integration_uri_validation(apigateway, target, kind, uri, message):
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_integration(**target, type=kind, integrationHttpMethod="POST", uri=uri)
    assert status_of(excinfo) == 400
    assert error_of(excinfo) == ("BadRequestException", message)


@pytest.mark.parametrize("timeout,accepted", [(49, False), (50, True), (29000, True), (29001, False), (0, False)])
def test_integration_timeout_range(apigateway, target, timeout, accepted):
    if accepted:
        assert apigateway.put_integration(**target, type="MOCK", timeoutInMillis=timeout)["timeoutInMillis"] == timeout
        return
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_integration(**target, type="MOCK", timeoutInMillis=timeout)
    assert error_of(excinfo) == ("BadRequestException", "Timeout should be between 50 ms and 29000 ms")


def test_put_integration_on_missing_method_or_resource(apigateway, api, pets):
    apigateway.put_method(restApiId=api["id"], resourceId=pets["id"], httpMethod="POST", authorizationType="NONE")
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_integration(restApiId=api["id"], resourceId=pets["id"], httpMethod="GET", type="MOCK")
    assert error_of(excinfo) == ("NotFoundException", "Invalid Method identifier specified")
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_integration(restApiId=api["id"], resourceId="badresource", httpMethod="POST", type="MOCK")
    assert error_of(excinfo) == ("NotFoundException", "Invalid Resource identifier specified")


def test_put_integration_request_parameter_must_be_a_string(unvalidated, target):
    with pytest.raises(ClientError) as excinfo:
        unvalidated.put_integration(
            **target, type="MOCK", requestParameters={"integration.request.path.testPath": True},
        )
    assert status_of(excinfo) == 400
    assert error_of(excinfo) == ("SerializationException", "class java.lang.Boolean can not be converted to an String")


def test_get_integration_errors(apigateway, api, target):
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_integration(**target)
    assert error_of(excinfo) == ("NotFoundException", "Invalid Integration identifier specified")
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_integration(restApiId=api["id"], resourceId=target["resourceId"], httpMethod="PUT")
    assert error_of(excinfo) == ("NotFoundException", "Invalid Method identifier specified")
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_integration(restApiId=api["id"], resourceId="nope", httpMethod="GET")
    assert error_of(excinfo) == ("NotFoundException", "Invalid Resource identifier specified")


def test_delete_integration(apigateway, mock):
    assert apigateway.delete_integration(**mock)["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_integration(**mock)
    assert error_of(excinfo) == ("NotFoundException", "Invalid Integration identifier specified")
    assert "methodIntegration" not in apigateway.get_method(**mock)


def test_update_integration_patch_paths(apigateway, mock):
    updated = apigateway.update_integration(
        **mock,
        patchOperations=[
            {"op": "add", "path": "/requestTemplates/application~1xml", "value": "<xml/>"},
            {"op": "replace", "path": "/requestTemplates/application~1json", "value": '{"statusCode": 201}'},
            {
                "op": "add",
                "path": "/requestParameters/integration.request.header.X-Id",
                "value": "method.request.header.X-Id",
            },
            {"op": "add", "path": "/cacheKeyParameters/method.request.header.X-Id", "value": ""},
            {"op": "add", "path": "/cacheKeyParameters/method.request.querystring.page", "value": ""},
            {"op": "replace", "path": "/timeoutInMillis", "value": "1000"},
            {"op": "replace", "path": "/passthroughBehavior", "value": "NEVER"},
            {"op": "replace", "path": "/cacheNamespace", "value": "shared"},
            {"op": "replace", "path": "/contentHandling", "value": "CONVERT_TO_TEXT"},
        ],
    )
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert updated["requestTemplates"] == {"application/json": '{"statusCode": 201}', "application/xml": "<xml/>"}
    assert updated["requestParameters"] == {"integration.request.header.X-Id": "method.request.header.X-Id"}
    assert updated["cacheKeyParameters"] == ["method.request.header.X-Id", "method.request.querystring.page"]
    assert (updated["timeoutInMillis"], updated["passthroughBehavior"], updated["cacheNamespace"]) == (
        1000,
        "NEVER",
        "shared",
    )
    assert updated["contentHandling"] == "CONVERT_TO_TEXT"
    removed = apigateway.update_integration(**mock, patchOperations=[
        {"op": "remove", "path": "/requestTemplates/application~1xml"},
        {"op": "remove", "path": "/requestParameters/integration.request.header.X-Id"},
        {"op": "remove", "path": "/cacheKeyParameters/method.request.header.X-Id", "value": ""},
    ])
    assert removed["requestTemplates"] == {"application/json": '{"statusCode": 201}'}
    assert "requestParameters" not in removed
    assert removed["cacheKeyParameters"] == ["method.request.querystring.page"]
    assert body_of(apigateway.get_integration(**mock)) == body_of(removed)


def test_update_integration_uri_and_http_method(apigateway, target):
    apigateway.put_integration(**target, type="HTTP", integrationHttpMethod="GET", uri="https://example.com/a")
    updated = apigateway.update_integration(**target, patchOperations=[
        {"op": "replace", "path": "/uri", "value": "https://example.org/b"},
        {"op": "replace", "path": "/httpMethod", "value": "PUT"},
    ])
    assert (updated["uri"], updated["httpMethod"], updated["connectionType"]) == (
        "https://example.org/b",
        "PUT",
        "INTERNET",
    )


def test_update_integration_timeout_out_of_range(apigateway, mock):
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_integration(
            **mock, patchOperations=[{"op": "replace", "path": "/timeoutInMillis", "value": "29001"}]
        )
    assert error_of(excinfo) == ("BadRequestException", "Timeout should be between 50 ms and 29000 ms")
    assert apigateway.get_integration(**mock)["timeoutInMillis"] == 29000


def test_update_integration_unknown_op_and_missing_integration(apigateway, target):
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_integration(**target, patchOperations=[{"op": "replace", "path": "/uri", "value": "x"}])
    assert error_of(excinfo) == ("NotFoundException", "Invalid Integration identifier specified")
    apigateway.put_integration(**target, type="MOCK")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_integration(**target, patchOperations=[{"op": "wrong_op", "path": "/uri", "value": "x"}])
    assert error_of(excinfo) == (
        "ValidationException", "1 validation error detected: " + bad_op("updateIntegrationInput", 1)
    )


# --- integration responses -----------------------------------------------------------------------


def test_put_integration_response_echoes_what_was_given(apigateway, mock):
    response = apigateway.put_integration_response(
        **mock, statusCode="200", selectionPattern="", responseTemplates={},
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert body_of(response) == {"statusCode": "200", "selectionPattern": "", "responseTemplates": {}}
    full = apigateway.put_integration_response(
        **mock, statusCode="400", selectionPattern="4\\d{2}", contentHandling="CONVERT_TO_TEXT",
        responseParameters={"method.response.header.X-Err": "'bad'"},
        responseTemplates={"application/json": '{"error": true}'},
    )
    expected = {
        "statusCode": "400", "selectionPattern": "4\\d{2}", "contentHandling": "CONVERT_TO_TEXT",
        "responseParameters": {"method.response.header.X-Err": "'bad'"},
        "responseTemplates": {"application/json": '{"error": true}'},
    }
    assert body_of(full) == expected
    assert body_of(apigateway.get_integration_response(**mock, statusCode="400")) == expected


def test_null_or_empty_response_template_is_kept_as_null(apigateway, unvalidated, mock):
    # AWS stores an empty template as null and answers the key with a JSON null; without templates
    # the key is absent. (boto3 validates a null away, so that call goes unvalidated.)
    for client, template in ((unvalidated, None), (apigateway, "")):
        response = client.put_integration_response(
            **mock, statusCode="200", selectionPattern="", responseTemplates={"application/json": template},
        )
        expected = {"responseTemplates": {"application/json": None}, "selectionPattern": "", "statusCode": "200"}
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 201
        assert body_of(response) == expected
        assert body_of(apigateway.get_integration_response(**mock, statusCode="200")) == expected
        assert apigateway.get_integration(**mock)["integrationResponses"]["200"] == expected
    bare = apigateway.put_integration_response(**mock, statusCode="200", selectionPattern="")
    assert body_of(bare) == {"selectionPattern": "", "statusCode": "200"}
    updated = apigateway.update_integration_response(**mock, statusCode="200", patchOperations=[
        {"op": "add", "path": "/responseTemplates/application~1json", "value": ""},
        {"op": "add", "path": "/responseTemplates/text~1plain", "value": "ok"},
    ])
    assert body_of(updated)["responseTemplates"] == {"application/json": None, "text/plain": "ok"}


def test_put_integration_response_again_overwrites(apigateway, mock):
    apigateway.put_integration_response(
        **mock, statusCode="200", selectionPattern="old", responseTemplates={"a/b": "x"}
    )
    again = apigateway.put_integration_response(**mock, statusCode="200")
    assert again["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert body_of(apigateway.get_integration_response(**mock, statusCode="200")) == {"statusCode": "200"}


def test_update_integration_response(apigateway, mock):
    apigateway.put_integration_response(
        **mock, statusCode="200", selectionPattern="", responseTemplates={"application/json": "{}"},
    )
    updated = apigateway.update_integration_response(**mock, statusCode="200", patchOperations=[
        {"op": "replace", "path": "/selectionPattern", "value": "2\\d{2}"},
        {"op": "replace", "path": "/responseTemplates/application~1json", "value": '{"ok": true}'},
        {"op": "add", "path": "/responseParameters/method.response.header.X-Id", "value": "'1'"},
        {"op": "replace", "path": "/contentHandling", "value": "CONVERT_TO_BINARY"},
    ])
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert body_of(updated) == {
        "statusCode": "200", "selectionPattern": "2\\d{2}", "contentHandling": "CONVERT_TO_BINARY",
        "responseTemplates": {"application/json": '{"ok": true}'},
        "responseParameters": {"method.response.header.X-Id": "'1'"},
    }
    assert body_of(apigateway.get_integration_response(**mock, statusCode="200")) == body_of(updated)


def test_delete_integration_response(apigateway, mock):
    apigateway.put_integration_response(**mock, statusCode="200")
    assert apigateway.delete_integration_response(**mock, statusCode="200")["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(ClientError) as excinfo:
        apigateway.delete_integration_response(**mock, statusCode="200")
    assert error_of(excinfo) == ("NotFoundException", "Invalid Response status code specified")
    assert "integrationResponses" not in apigateway.get_integration(**mock)
    assert "integrationResponses" not in apigateway.get_method(**mock)["methodIntegration"]


def test_integration_response_errors(apigateway, api, target):
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_integration_response(**target, statusCode="200")
    assert error_of(excinfo) == ("NotFoundException", "Invalid Integration identifier specified")
    # Deleting on a method without an integration, or on no method at all, names the integration.
    for method in ("GET", "DELETE"):
        with pytest.raises(ClientError) as excinfo:
            apigateway.delete_integration_response(
                restApiId=api["id"], resourceId=target["resourceId"], httpMethod=method, statusCode="200"
            )
        assert error_of(excinfo) == ("NotFoundException", "Invalid Integration identifier specified")
    apigateway.put_integration(**target, type="MOCK")
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_integration_response(**target, statusCode="201")
    assert error_of(excinfo) == ("NotFoundException", "Invalid Response status code specified")
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_integration_response(
            restApiId=api["id"], resourceId=target["resourceId"], httpMethod="POST", statusCode="200"
        )
    assert error_of(excinfo) == ("NotFoundException", "Invalid Method identifier specified")
    for call in (apigateway.put_integration_response, apigateway.get_integration_response):
        with pytest.raises(ClientError) as excinfo:
            call(restApiId=api["id"], resourceId="wrong-resource", httpMethod="GET", statusCode="200")
        assert error_of(excinfo) == ("NotFoundException", "Invalid Resource identifier specified")


@pytest.mark.parametrize("operation", ["put_integration_response", "get_integration_response"])
def test_integration_response_status_code_pattern(apigateway, mock, operation):
    with pytest.raises(ClientError) as excinfo:
        getattr(apigateway, operation)(**mock, statusCode="wrong")
    assert status_of(excinfo) == 400
    assert error_of(excinfo) == ("ValidationException", "1 validation error detected: " + STATUS_PATTERN_ERROR)


def test_integration_response_template_must_be_a_string(unvalidated, mock):
    with pytest.raises(ClientError) as excinfo:
        unvalidated.put_integration_response(**mock, statusCode="200", responseTemplates={"application/json": 123})
    assert error_of(excinfo) == (
        "SerializationException",
        "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String",
    )


# --- models referenced by methods ----------------------------------------------------------------


def test_model_referenced_by_a_method_cannot_be_deleted(apigateway, api, pets):
    schema = '{"type": "object", "properties": {"name": {"type": "string"}}}'
    apigateway.create_model(restApiId=api["id"], name="MySchema", contentType="application/json", schema=schema)
    apigateway.put_method(
        restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="ANY", authorizationType="NONE",
        requestModels={"application/json": "MySchema"},
    )
    with pytest.raises(ClientError) as excinfo:
        apigateway.delete_model(restApiId=api["id"], modelName="MySchema")
    assert status_of(excinfo) == 409
    assert error_of(excinfo) == (
        "ConflictException",
        "Cannot delete model 'MySchema', is referenced in method request: //ANY",
    )
    apigateway.delete_method(restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="ANY")
    apigateway.put_method(restApiId=api["id"], resourceId=pets["id"], httpMethod="ANY", authorizationType="NONE")
    apigateway.update_method(
        restApiId=api["id"], resourceId=pets["id"], httpMethod="ANY",
        patchOperations=[{"op": "add", "path": "/requestModels/application~1json", "value": "MySchema"}],
    )
    with pytest.raises(ClientError) as excinfo:
        apigateway.delete_model(restApiId=api["id"], modelName="MySchema")
    assert error_of(excinfo) == (
        "ConflictException",
        "Cannot delete model 'MySchema', is referenced in method request: /pets/ANY",
    )
    # Deleting the method removes its model references.
    apigateway.delete_method(restApiId=api["id"], resourceId=pets["id"], httpMethod="ANY")
    assert (
        apigateway.delete_model(restApiId=api["id"], modelName="MySchema")["ResponseMetadata"]["HTTPStatusCode"] == 202
    )
    assert sorted(model["name"] for model in apigateway.get_models(restApiId=api["id"])["items"]) == ["Empty", "Error"]


def test_a_role_of_another_account_cannot_be_passed(apigateway, target):
    uri = f"arn:aws:apigateway:{REGION}:s3:path/bucket/key"
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_integration(
            **target, type="AWS", integrationHttpMethod="GET", uri=uri,
            credentials="arn:aws:iam::123456789012:role/s3-access",
        )
    assert status_of(excinfo) == 403
    assert error_of(excinfo) == ("AccessDeniedException", "Cross-account pass role is not allowed.")
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_integration(**target)
    assert status_of(excinfo) == 404


def test_an_aws_service_integration_needs_a_role_but_lambda_does_not(apigateway, target):
    uri = f"arn:aws:apigateway:{REGION}:sqs:path/{ACCOUNT}/queue"
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_integration(**target, type="AWS", integrationHttpMethod="POST", uri=uri)
    assert status_of(excinfo) == 400
    assert error_of(excinfo) == ("BadRequestException", "Role ARN must be specified for AWS integrations")
    function = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:f"
    lambda_uri = f"arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{function}/invocations"
    stored = apigateway.put_integration(**target, type="AWS", integrationHttpMethod="POST", uri=lambda_uri)
    assert stored["uri"] == lambda_uri
