"""Every operation of the three models, called through boto3 with parameters that satisfy the
model: the client must parse each answer as the operation's output or as an error it knows
(one the model lists for the operation, or NotImplementedException), with no 5xx but 501, no
unknown operation and no time-out."""

import datetime
import json
import pathlib

import pytest
from botocore.exceptions import ClientError

ROOT = pathlib.Path(__file__).resolve().parents[2]
SERVICES = {
    "apigateway": "Specs/apigateway/service-2.json",
    "apigatewayv2": "Specs/apigatewayv2/service-2.json",
    "apigatewaymanagementapi": "Specs/apigatewaymanagementapi/service-2.json",
}


def load(spec):
    return json.loads((ROOT / spec).read_text())


def operations():
    for service, spec in SERVICES.items():
        for name in sorted(load(spec)["operations"]):
            yield pytest.param(service, name, id=f"{service}.{name}")


def sample(shape, depth=0):
    """A value of a botocore shape that passes botocore's parameter validation."""
    kind = shape.type_name
    if kind == "structure":
        members = shape.members
        chosen = shape.required_members if depth > 0 else list(members)
        return {
            name: sample(members[name], depth + 1)
            for name in chosen
            # Optional members at the top level make a richer request; deeper, only what is required.
            if members[name].type_name != "structure" or depth < 3 or name in shape.required_members
        }
    if kind == "list":
        return [sample(shape.member, depth + 1)]
    if kind == "map":
        return {"key": sample(shape.value, depth + 1)}
    if kind == "string":
        if shape.enum:
            return shape.enum[0]
        minimum = shape.metadata.get("min", 1)
        return "sample".ljust(max(minimum, 6), "x")
    if kind in ("integer", "long"):
        return max(shape.metadata.get("min", 1), 1)
    if kind in ("double", "float"):
        return 1.5
    if kind == "boolean":
        return True
    if kind == "blob":
        return b"sample"
    if kind == "timestamp":
        return datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    raise AssertionError(f"unexpected shape type {kind}")


@pytest.fixture(scope="module")
def clients(portico):
    from conftest import make_client

    return {service: make_client(portico, service) for service in SERVICES}


@pytest.mark.parametrize("service,operation_name", list(operations()))
def test_every_operation_answers_something_the_client_understands(clients, service, operation_name):
    client = clients[service]
    model = client.meta.service_model.operation_model(operation_name)
    parameters = sample(model.input_shape) if model.input_shape else {}
    method = getattr(client, _python_name(client, operation_name))
    # Besides the modelled errors, AWS answers constraint violations and unreadable input with the
    # protocol-level ValidationException and SerializationException (both recorded on AWS).
    known_errors = {shape.name for shape in model.error_shapes} | {
        "NotImplementedException", "ValidationException", "SerializationException"}
    try:
        response = method(**parameters)
    except ClientError as error:
        status = error.response["ResponseMetadata"]["HTTPStatusCode"]
        code = error.response["Error"]["Code"]
        assert code in known_errors, f"{operation_name} answered {status} {code}: {error}"
        assert error.response["Error"]["Message"], f"{operation_name} answered {code} without a message"
        assert status < 500 or (status == 501 and code == "NotImplementedException"), f"{operation_name}: {status}"
        assert error.response["ResponseMetadata"]["RequestId"], "every answer carries x-amzn-RequestId"
        return
    assert 200 <= response["ResponseMetadata"]["HTTPStatusCode"] < 300
    assert response["ResponseMetadata"]["RequestId"]


def _python_name(client, operation_name):
    for python_name, api_name in client.meta.method_to_api_mapping.items():
        if api_name == operation_name:
            return python_name
    raise AssertionError(f"boto3 has no method for {operation_name}")


def test_the_models_have_230_operations():
    assert sum(len(load(spec)["operations"]) for spec in SERVICES.values()) == 230
