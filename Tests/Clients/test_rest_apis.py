"""REST APIs (API Gateway v1) through boto3, as AWS answers them."""

import datetime
import re

import pytest
from botocore.exceptions import ClientError
from aws_answers import error_of


def test_create_rest_api_has_aws_fields_and_defaults(apigateway):
    api = apigateway.create_rest_api(name="demo", description="my api")
    assert api["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert re.fullmatch(r"[a-z0-9]{10}", api["id"])
    assert api["name"] == "demo"
    assert api["description"] == "my api"
    assert api["apiKeySource"] == "HEADER"
    assert api["endpointConfiguration"] == {"types": ["EDGE"], "ipAddressType": "ipv4"}
    assert api["disableExecuteApiEndpoint"] is False
    assert isinstance(api["createdDate"], datetime.datetime)
    assert abs((datetime.datetime.now(datetime.timezone.utc) - api["createdDate"]).total_seconds()) < 60
    assert len(api["rootResourceId"]) == 10


def test_create_options_are_kept(apigateway):
    api = apigateway.create_rest_api(
        name="opts", version="v1", binaryMediaTypes=["image/png"], minimumCompressionSize=1024,
        apiKeySource="AUTHORIZER", endpointConfiguration={"types": ["REGIONAL"]}, tags={"team": "a"},
        disableExecuteApiEndpoint=True,
    )
    fetched = apigateway.get_rest_api(restApiId=api["id"])
    for key in ("version", "binaryMediaTypes", "minimumCompressionSize", "apiKeySource", "tags"):
        assert fetched[key] == api[key]
    assert fetched["endpointConfiguration"]["types"] == ["REGIONAL"]
    assert fetched["disableExecuteApiEndpoint"] is True


def test_custom_id_tag_sets_the_id(apigateway):
    api = apigateway.create_rest_api(name="custom", tags={"_custom_id_": "myapi"})
    assert api["id"] == "myapi"
    assert apigateway.get_rest_api(restApiId="myapi")["name"] == "custom"


def test_a_custom_id_is_unique_across_regions_accounts_and_kinds(portico, apigateway, invoke):
    from conftest import make_client

    api = apigateway.create_rest_api(name="first", tags={"_custom_id_": "shared-id"})
    elsewhere = make_client(portico, "apigateway", region="eu-west-1")
    v2 = make_client(portico, "apigatewayv2")
    for create in (
        lambda: elsewhere.create_rest_api(name="second", tags={"_custom_id_": "shared-id"}),
        lambda: apigateway.create_rest_api(name="again", tags={"_custom_id_": "shared-id"}),
        lambda: v2.create_api(Name="http", ProtocolType="HTTP", Tags={"_custom_id_": "shared-id"}),
    ):
        with pytest.raises(ClientError) as excinfo:
            create()
        assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
        assert error_of(excinfo) == ("ConflictException", "An API with id shared-id already exists")
    assert elsewhere.get_rest_apis()["items"] == []
    assert v2.get_apis()["Items"] == []
    # Requests to the id reach the one API that has it; once it is gone, the id is free again.
    root = api["rootResourceId"]
    apigateway.put_method(restApiId="shared-id", resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigateway.put_integration(restApiId="shared-id", resourceId=root, httpMethod="GET", type="MOCK",
                               requestTemplates={"application/json": '{"statusCode": 200}'})
    apigateway.put_method_response(restApiId="shared-id", resourceId=root, httpMethod="GET", statusCode="200")
    apigateway.put_integration_response(restApiId="shared-id", resourceId=root, httpMethod="GET", statusCode="200",
                                        responseTemplates={"application/json": '{"api": "$context.apiId", "account": "$context.accountId"}'})
    apigateway.create_deployment(restApiId="shared-id", stageName="test")
    assert invoke("shared-id", "/").json() == {"api": "shared-id", "account": "000000000000"}
    apigateway.delete_rest_api(restApiId="shared-id")
    assert v2.create_api(Name="http", ProtocolType="HTTP", Tags={"_custom_id_": "shared-id"})["ApiId"] == "shared-id"


def test_get_rest_apis_lists_in_creation_order_and_paginates(apigateway):
    ids = [apigateway.create_rest_api(name=f"api{index}")["id"] for index in range(7)]
    listed = apigateway.get_rest_apis()
    assert [item["id"] for item in listed["items"]] == ids
    first = apigateway.get_rest_apis(limit=3)
    assert [item["id"] for item in first["items"]] == ids[:3]
    assert "position" in first
    pages = apigateway.get_paginator("get_rest_apis").paginate(PaginationConfig={"PageSize": 2})
    assert [item["id"] for page in pages for item in page["items"]] == ids


def test_root_resource_exists(apigateway):
    api = apigateway.create_rest_api(name="tree")
    resources = apigateway.get_resources(restApiId=api["id"])["items"]
    assert resources == [{"id": api["rootResourceId"], "path": "/"}]
    root = apigateway.get_resource(restApiId=api["id"], resourceId=api["rootResourceId"])
    assert root["path"] == "/"
    assert "parentId" not in root


def test_delete_rest_api(apigateway):
    api = apigateway.create_rest_api(name="gone")
    deleted = apigateway.delete_rest_api(restApiId=api["id"])
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert apigateway.get_rest_apis()["items"] == []
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_rest_api(restApiId=api["id"])
    assert error_of(excinfo) == ("NotFoundException", f"Invalid API identifier specified 000000000000:{api['id']}")


@pytest.mark.parametrize(
    "call",
    [
        lambda client: client.get_rest_api(restApiId="nope"),
        lambda client: client.delete_rest_api(restApiId="nope"),
        lambda client: client.get_resources(restApiId="nope"),
    ],
)
def test_unknown_api_is_404(apigateway, call):
    with pytest.raises(ClientError) as excinfo:
        call(apigateway)
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert error_of(excinfo) == ("NotFoundException", "Invalid API identifier specified 000000000000:nope")


def test_unknown_resource_is_404(apigateway):
    api = apigateway.create_rest_api(name="r")
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_resource(restApiId=api["id"], resourceId="nope")
    assert error_of(excinfo) == ("NotFoundException", "Invalid Resource identifier specified")


def test_invalid_endpoint_configuration_gets_aws_validation_message(apigateway):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_rest_api(name="bad", endpointConfiguration={"types": ["wrong"], "ipAddressType": "wrong"})
    code, message = error_of(excinfo)
    assert code == "ValidationException"
    assert message == (
        "2 validation errors detected: Value '[wrong]' at 'createRestApiInput.endpointConfiguration.types' failed "
        "to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, "
        "REGIONAL]]; Value 'wrong' at 'createRestApiInput.endpointConfiguration.ipAddressType' failed to satisfy "
        "constraint: Member must satisfy enum value set: [ipv4, dualstack]"
    )
    assert apigateway.get_rest_apis()["items"] == []


@pytest.mark.parametrize(
    "arguments,message",
    [
        ({"description": ""}, "Description cannot be an empty string"),
        ({"endpointConfiguration": {"types": []}},
         "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED."),
        ({"endpointConfiguration": {"types": ["EDGE", "REGIONAL"]}}, "Cannot create an api with multiple Endpoint Types."),
        ({"endpointConfiguration": {"types": ["PRIVATE"], "ipAddressType": "ipv4"}},
         "Only dualstack ipAddressType is supported for Private APIs."),
        ({"tags": {"_custom_id_": "bad id"}}, "Invalid _custom_id_ 'bad id': use 1 to 128 letters, digits, '-' or '_'"),
    ],
)
def test_create_rest_api_rejections_match_aws(apigateway, arguments, message):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_rest_api(name="bad", **arguments)
    assert error_of(excinfo) == ("BadRequestException", message)
    assert apigateway.get_rest_apis()["items"] == []


def test_defaults_for_empty_and_private_endpoint_configuration(apigateway):
    empty = apigateway.create_rest_api(name="e", endpointConfiguration={}, binaryMediaTypes=[])
    assert empty["endpointConfiguration"] == {"types": ["EDGE"], "ipAddressType": "ipv4"}
    assert "binaryMediaTypes" not in empty
    private = apigateway.create_rest_api(name="p", endpointConfiguration={"types": ["PRIVATE"]})
    assert private["endpointConfiguration"] == {"types": ["PRIVATE"], "ipAddressType": "dualstack"}


def test_invalid_compression_size(apigateway):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_rest_api(name="bad", minimumCompressionSize=10485761)
    assert error_of(excinfo) == (
        "BadRequestException", "Invalid minimum compression size, must be between 0 and 10485760"
    )


def test_regions_are_separate(portico, apigateway):
    from conftest import make_client

    apigateway.create_rest_api(name="east")
    west = make_client(portico, "apigateway", region="us-west-2")
    assert west.get_rest_apis()["items"] == []
    assert len(apigateway.get_rest_apis()["items"]) == 1
