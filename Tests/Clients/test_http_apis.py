"""HTTP and WebSocket APIs (API Gateway v2) through boto3."""

import datetime

import pytest
from botocore.exceptions import ClientError


def test_create_http_api(apigatewayv2, portico):
    api = apigatewayv2.create_api(Name="h", ProtocolType="HTTP")
    assert api["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert api["Name"] == "h"
    assert api["ProtocolType"] == "HTTP"
    assert api["RouteSelectionExpression"] == "$request.method $request.path"
    assert api["ApiKeySelectionExpression"] == "$request.header.x-api-key"
    assert api["ApiEndpoint"] == f"http://{api['ApiId']}.execute-api.localhost:{portico.port}"
    assert api["DisableExecuteApiEndpoint"] is False
    assert isinstance(api["CreatedDate"], datetime.datetime)


def test_created_date_is_iso8601_on_the_wire(portico):
    status, _, body = portico.json("POST", "/v2/apis", b'{"name":"h","protocolType":"HTTP"}')
    assert status == 201
    datetime.datetime.strptime(body["createdDate"], "%Y-%m-%dT%H:%M:%SZ")


def test_create_websocket_api(apigatewayv2):
    api = apigatewayv2.create_api(Name="w", ProtocolType="WEBSOCKET", RouteSelectionExpression="$request.body.action")
    assert api["ApiEndpoint"].startswith("ws://")
    assert api["RouteSelectionExpression"] == "$request.body.action"


def test_websocket_api_needs_route_selection_expression(apigatewayv2):
    with pytest.raises(ClientError) as excinfo:
        apigatewayv2.create_api(Name="w", ProtocolType="WEBSOCKET")
    assert excinfo.value.response["Error"]["Code"] == "BadRequestException"


def test_get_apis_get_api_delete_api(apigatewayv2):
    first = apigatewayv2.create_api(Name="a", ProtocolType="HTTP", Tags={"k": "v"})
    second = apigatewayv2.create_api(Name="b", ProtocolType="HTTP")
    listed = apigatewayv2.get_apis()["Items"]
    assert [api["ApiId"] for api in listed] == [first["ApiId"], second["ApiId"]]
    fetched = apigatewayv2.get_api(ApiId=first["ApiId"])
    assert fetched["Name"] == "a"
    assert fetched["Tags"] == {"k": "v"}
    assert fetched["CreatedDate"] == first["CreatedDate"]
    deleted = apigatewayv2.delete_api(ApiId=first["ApiId"])
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert [api["ApiId"] for api in apigatewayv2.get_apis()["Items"]] == [second["ApiId"]]


def test_get_apis_paginates(apigatewayv2):
    ids = [apigatewayv2.create_api(Name=f"api{i}", ProtocolType="HTTP")["ApiId"] for i in range(5)]
    page = apigatewayv2.get_apis(MaxResults="2")
    assert [api["ApiId"] for api in page["Items"]] == ids[:2]
    rest = apigatewayv2.get_apis(NextToken=page["NextToken"])
    assert [api["ApiId"] for api in rest["Items"]] == ids[2:]
    assert "NextToken" not in rest


@pytest.mark.parametrize("call", ["get_api", "delete_api"])
def test_unknown_api_is_404(apigatewayv2, call):
    with pytest.raises(ClientError) as excinfo:
        getattr(apigatewayv2, call)(ApiId="nope")
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert excinfo.value.response["Error"]["Code"] == "NotFoundException"
    assert excinfo.value.response["Error"]["Message"] == "Invalid API identifier specified nope"


def test_custom_id_tag(apigatewayv2):
    api = apigatewayv2.create_api(Name="c", ProtocolType="HTTP", Tags={"_custom_id_": "myhttp"})
    assert api["ApiId"] == "myhttp"
