"""What a client that speaks plain HTTP sees: AWS-shaped errors for bad input, request ids,
the body limit, the internal endpoints and the traffic classes that are not served yet."""

import json

import pytest


def test_every_answer_has_a_request_id(portico):
    for method, path in [("GET", "/restapis"), ("GET", "/restapis/nope"), ("GET", "/no/such/thing"),
                         ("GET", "/_portico/health")]:
        _, headers, _ = portico.request(method, path)
        assert headers.get("x-amzn-RequestId"), (method, path)


def test_malformed_json_body_is_a_clear_400(portico):
    status, headers, body = portico.json("POST", "/restapis", b'{"name": ')
    assert status == 400
    assert headers["x-amzn-ErrorType"] == "SerializationException"
    assert body["message"].startswith("Could not parse request body into json")


def test_body_that_is_not_an_object_is_a_400(portico):
    status, headers, body = portico.json("POST", "/restapis", b"[1, 2]")
    assert status == 400
    assert headers["x-amzn-ErrorType"] == "SerializationException"


def test_missing_required_member_names_it(portico):
    status, headers, body = portico.json("POST", "/restapis", b"{}")
    assert status == 400
    assert headers["x-amzn-ErrorType"] == "ValidationException"
    assert body["message"] == (
        "1 validation error detected: Value null at 'createRestApiInput.name' failed to satisfy constraint: "
        "Member must not be null"
    )


def test_wrong_member_type_is_a_400(portico):
    status, headers, body = portico.json("POST", "/restapis", b'{"name": true}')
    assert status == 400
    assert headers["x-amzn-ErrorType"] == "SerializationException"
    assert "can not be converted to an String" in body["message"]


def test_unparseable_query_value_is_a_400(portico):
    status, headers, body = portico.json("GET", "/restapis?limit=lots")
    assert status == 400
    assert "limit" in body["message"]


def test_unknown_route_is_404_unknown_operation(portico):
    status, headers, body = portico.json("PATCH", "/nothing/here")
    assert status == 404
    assert headers["x-amzn-ErrorType"] == "UnknownOperationException"
    assert "PATCH /nothing/here" in body["message"]


def test_not_implemented_is_501_and_names_the_operation(portico):
    status, headers, body = portico.json("GET", "/v2/apis/abc/routes")
    assert status == 501
    assert headers["x-amzn-ErrorType"] == "NotImplementedException"
    assert "GetRoutes" in body["message"]


def test_body_over_10_mb_is_413(portico):
    status, headers, body = portico.json("POST", "/restapis", b" " * (10 * 1024 * 1024 + 1))
    assert status == 413
    assert "10485760" in body["message"]
    # The server is still fine afterwards.
    assert portico.request("GET", "/restapis")[0] == 200


@pytest.mark.parametrize("path", ["/_portico/health", "/_localstack/health"])
def test_health(portico, path):
    status, _, body = portico.json("GET", path)
    assert status == 200
    assert body["services"]["apigateway"] == "running"


@pytest.mark.parametrize("path", ["/_portico/reset", "/moto-api/reset"])
def test_reset_clears_state(portico, apigateway, path):
    apigateway.create_rest_api(name="x")
    status, _, _ = portico.request("POST", path)
    assert status == 200
    assert apigateway.get_rest_apis()["items"] == []


def test_data_plane_is_classified_apart_from_the_control_plane(portico):
    # An API id that does not exist: the data plane's 404 with a JSON message, not a control-plane error.
    for path, headers in [
        ("/restapis/abc/dev/_user_request_/pets", {}),
        ("/_aws/execute-api/abc/dev/pets", {}),
        ("/dev/pets", {"Host": f"abc.execute-api.localhost:{portico.port}"}),
    ]:
        status, response_headers, body = portico.json("GET", path, headers=headers)
        assert status == 404, path
        assert set(body) == {"message"}, path


def test_concurrent_creates_all_land(apigateway, portico):
    from concurrent.futures import ThreadPoolExecutor

    def create(index):
        status, _, body = portico.json("POST", "/restapis", json.dumps({"name": f"c{index}"}).encode())
        assert status == 201
        return body["id"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(create, range(64)))
    assert len(set(ids)) == 64
    listed = apigateway.get_rest_apis(limit=500)["items"]
    assert {item["id"] for item in listed} == set(ids)
