"""The README's quick start, through the AWS CLI."""


def test_rest_api_quick_start(aws):
    api = aws("apigateway", "create-rest-api", "--name", "demo")
    assert api["name"] == "demo"
    listed = aws("apigateway", "get-rest-apis")
    assert [item["id"] for item in listed["items"]] == [api["id"]]
    assert aws("apigateway", "get-rest-api", "--rest-api-id", api["id"])["name"] == "demo"
    resources = aws("apigateway", "get-resources", "--rest-api-id", api["id"])
    assert resources["items"] == [{"id": api["rootResourceId"], "path": "/"}]
    aws("apigateway", "delete-rest-api", "--rest-api-id", api["id"])
    error = aws("apigateway", "get-rest-api", "--rest-api-id", api["id"], expect_failure=True)
    assert "NotFoundException" in error
    assert f"Invalid API identifier specified 000000000000:{api['id']}" in error


def test_http_api_quick_start(aws):
    api = aws("apigatewayv2", "create-api", "--name", "h", "--protocol-type", "HTTP")
    assert api["ProtocolType"] == "HTTP"
    assert [item["ApiId"] for item in aws("apigatewayv2", "get-apis")["Items"]] == [api["ApiId"]]
    assert aws("apigatewayv2", "get-api", "--api-id", api["ApiId"])["Name"] == "h"
    aws("apigatewayv2", "delete-api", "--api-id", api["ApiId"])
    error = aws("apigatewayv2", "get-api", "--api-id", api["ApiId"], expect_failure=True)
    assert "NotFoundException" in error


def test_not_implemented_operation_is_reported_clearly(aws):
    error = aws("apigatewayv2", "get-routes", "--api-id", "abc", expect_failure=True)
    assert "NotImplementedException" in error
    assert "GetRoutes" in error
