"""The execute-api data plane of REST APIs: how a request reaches a deployed API (the three
invocation forms and custom domains), how it picks a resource and a method, what a stage serves
(its deployment's snapshot) and the headers and errors every answer has, as AWS API Gateway does."""

import pytest

from conftest import Invoker
from aws_answers import ACCOUNT

CERT_ARN = f"arn:aws:acm:us-east-1:{ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555"
MISSING_TOKEN = {"message": "Missing Authentication Token"}


def assert_missing_token(answer):
    assert answer.status == 403, answer
    assert answer.json() == MISSING_TOKEN
    assert answer.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"


def assert_forbidden(answer):
    assert answer.status == 403, answer
    assert answer.json() == {"message": "Forbidden"}
    assert answer.headers["x-amzn-ErrorType"] == "ForbiddenException"


@pytest.fixture
def pets(rest_api):
    """GET /pets answering {"pets": "all"}, deployed to stage test."""
    rest_api.mock("/pets", "GET", '{"pets": "all"}')
    rest_api.deploy()
    return rest_api


# --- invocation forms ----------------------------------------------------------------------------


@pytest.mark.parametrize("form", Invoker.FORMS)
def test_each_invocation_form_reaches_the_method(invoke, pets, form):
    answer = invoke(pets.id, "/pets", form=form)
    assert answer.status == 200, answer
    assert answer.json() == {"pets": "all"}
    assert answer.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize("form", Invoker.FORMS)
@pytest.mark.parametrize("slash", ["/", ""])
def test_the_root_resource_answers_at_the_stage_root(invoke, rest_api, form, slash):
    rest_api.mock("/", "GET", '{"at": "root"}')
    rest_api.deploy()
    target, extra = invoke.target(form, rest_api.id, "test", "/")
    answer = invoke.request("GET", target if slash else target.rstrip("/"), extra)
    assert answer.status == 200, answer
    assert answer.json() == {"at": "root"}


def test_custom_domain_with_a_base_path(apigateway, invoke, pets):
    apigateway.create_domain_name(domainName="api.example.test", certificateArn=CERT_ARN)
    apigateway.create_base_path_mapping(domainName="api.example.test", basePath="v1", restApiId=pets.id, stage="test")
    answer = invoke.domain("api.example.test", "/v1/pets")
    assert answer.status == 200, answer
    assert answer.json() == {"pets": "all"}


def test_custom_domain_without_a_base_path(apigateway, invoke, pets):
    apigateway.create_domain_name(domainName="api.example.test", certificateArn=CERT_ARN)
    apigateway.create_base_path_mapping(domainName="api.example.test", restApiId=pets.id, stage="test")
    answer = invoke.domain("api.example.test", "/pets")
    assert answer.status == 200, answer
    assert answer.json() == {"pets": "all"}


def test_custom_domain_context_shows_the_domain_and_the_resource_path(apigateway, invoke, rest_api):
    rest_api.mock("/pets", "GET", '{"domain": "$context.domainName", "resourcePath": "$context.resourcePath"}')
    rest_api.deploy()
    apigateway.create_domain_name(domainName="api.example.test", certificateArn=CERT_ARN)
    apigateway.create_base_path_mapping(
        domainName="api.example.test", basePath="v1", restApiId=rest_api.id, stage="test"
    )
    answer = invoke.domain("api.example.test", "/v1/pets")
    assert answer.json() == {"domain": "api.example.test", "resourcePath": "/pets"}


# --- unknown APIs, stages, paths and methods -----------------------------------------------------


@pytest.mark.parametrize("form", Invoker.FORMS)
def test_an_unknown_api_is_not_found(invoke, pets, form):
    answer = invoke("nosuchapi1", "/pets", form=form)
    assert answer.status == 404, answer
    assert isinstance(answer.json()["message"], str)
    assert answer.headers["x-amzn-RequestId"]


@pytest.mark.parametrize("form", Invoker.FORMS)
def test_an_unknown_stage_is_forbidden(invoke, pets, form):
    answer = invoke(pets.id, "/pets", stage="nosuchstage", form=form)
    assert_forbidden(answer)
    assert answer.headers["x-amzn-RequestId"]


def test_an_api_without_a_stage_segment_is_forbidden(invoke, pets):
    assert_forbidden(invoke.request("GET", f"/_aws/execute-api/{pets.id}"))
    host = [("Host", f"{pets.id}.execute-api.localhost:{invoke.port}")]
    assert_forbidden(invoke.request("GET", "/", host))


def test_a_deleted_stage_is_forbidden(apigateway, invoke, pets):
    assert invoke(pets.id, "/pets").status == 200
    apigateway.delete_stage(restApiId=pets.id, stageName="test")
    assert_forbidden(invoke(pets.id, "/pets"))


def test_an_unknown_path_is_missing_authentication_token(invoke, pets):
    answer = invoke(pets.id, "/cats")
    assert_missing_token(answer)
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.headers["x-amzn-RequestId"]


def test_a_method_that_is_not_defined_is_missing_authentication_token(invoke, pets):
    assert_missing_token(invoke(pets.id, "/pets", "POST", body={"name": "Rex"}))
    assert_missing_token(invoke(pets.id, "/pets", "DELETE"))


def test_paths_are_case_sensitive(invoke, pets):
    assert_missing_token(invoke(pets.id, "/Pets"))


def test_a_resource_without_methods_is_missing_authentication_token(invoke, rest_api):
    rest_api.mock("/pets", "GET", "{}")
    rest_api.resource("/pets/{id}")
    rest_api.deploy()
    assert_missing_token(invoke(rest_api.id, "/pets/7"))


# --- resource and method selection ---------------------------------------------------------------


@pytest.fixture
def routes(rest_api):
    """/pets, /pets/mine, /pets/{id} and a root /{proxy+}, each saying which one answered."""
    rest_api.mock("/pets", "GET", '{"route": "/pets"}')
    rest_api.mock("/pets/mine", "GET", '{"route": "/pets/mine"}')
    rest_api.mock("/pets/{id}", "GET", '{"route": "/pets/{id}", "id": "$input.params(\'id\')"}')
    rest_api.mock("/{proxy+}", "GET", '{"route": "/{proxy+}", "proxy": "$input.params(\'proxy\')"}')
    rest_api.deploy()
    return rest_api


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/pets", {"route": "/pets"}),
        ("/pets/mine", {"route": "/pets/mine"}),
        ("/pets/7", {"route": "/pets/{id}", "id": "7"}),
        ("/cats/7", {"route": "/{proxy+}", "proxy": "cats/7"}),
    ],
)
def test_literal_parts_win_over_parameters_which_win_over_greedy_ones(invoke, routes, path, expected):
    answer = invoke(routes.id, path)
    assert answer.status == 200, answer
    assert answer.json() == expected


def test_a_path_deeper_than_the_specific_resources_falls_back_to_the_greedy_one(invoke, routes):
    answer = invoke(routes.id, "/pets/7/toys")
    assert answer.status == 200, answer
    assert answer.json() == {"route": "/{proxy+}", "proxy": "pets/7/toys"}


def test_a_greedy_parameter_captures_the_rest_of_the_path_with_its_slashes(invoke, rest_api):
    rest_api.mock("/files/{proxy+}", "GET", '{"proxy": "$input.params(\'proxy\')"}')
    rest_api.deploy()
    answer = invoke(rest_api.id, "/files/a/b/c.txt")
    assert answer.status == 200, answer
    assert answer.json() == {"proxy": "a/b/c.txt"}
    # the greedy parameter needs at least one segment
    assert_missing_token(invoke(rest_api.id, "/files"))


@pytest.mark.parametrize("verb", ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_any_matches_every_verb(invoke, rest_api, verb):
    rest_api.mock("/things", "ANY", '{"method": "$context.httpMethod"}')
    rest_api.deploy()
    answer = invoke(rest_api.id, "/things", verb)
    assert answer.status == 200, answer
    assert answer.json() == {"method": verb}


def test_an_explicit_method_wins_over_any(invoke, rest_api):
    rest_api.mock("/things", "ANY", '{"route": "ANY"}')
    rest_api.mock("/things", "GET", '{"route": "GET"}')
    rest_api.deploy()
    assert invoke(rest_api.id, "/things", "GET").json() == {"route": "GET"}
    assert invoke(rest_api.id, "/things", "POST").json() == {"route": "ANY"}


def test_a_trailing_slash_reaches_the_same_resource(invoke, pets):
    answer = invoke(pets.id, "/pets/")
    assert answer.status == 200, answer
    assert answer.json() == {"pets": "all"}


# --- what a stage serves -------------------------------------------------------------------------


def test_edits_after_a_deployment_wait_for_the_next_one(apigateway, invoke, rest_api):
    target = rest_api.mock("/pets", "GET", '{"version": 1}')
    rest_api.deploy()
    apigateway.put_integration_response(**target, statusCode="200", responseTemplates={"application/json": '{"version": 2}'})
    rest_api.mock("/cats", "GET", '{"cats": true}')
    assert invoke(rest_api.id, "/pets").json() == {"version": 1}
    assert_missing_token(invoke(rest_api.id, "/cats"))

    rest_api.deploy()
    assert invoke(rest_api.id, "/pets").json() == {"version": 2}
    assert invoke(rest_api.id, "/cats").json() == {"cats": True}


def test_update_stage_deployment_id_switches_what_the_stage_serves(apigateway, invoke, rest_api):
    target = rest_api.mock("/pets", "GET", '{"version": 1}')
    first = rest_api.deploy()
    apigateway.put_integration_response(**target, statusCode="200", responseTemplates={"application/json": '{"version": 2}'})
    rest_api.deploy()
    assert invoke(rest_api.id, "/pets").json() == {"version": 2}
    apigateway.update_stage(restApiId=rest_api.id, stageName="test", patchOperations=[
        {"op": "replace", "path": "/deploymentId", "value": first["id"]},
    ])
    assert invoke(rest_api.id, "/pets").json() == {"version": 1}


def test_each_stage_serves_its_own_deployment(apigateway, invoke, rest_api):
    target = rest_api.mock("/pets", "GET", '{"version": 1}')
    first = rest_api.deploy()
    apigateway.put_integration_response(**target, statusCode="200", responseTemplates={"application/json": '{"version": 2}'})
    rest_api.deploy("prod")
    apigateway.create_stage(restApiId=rest_api.id, stageName="old", deploymentId=first["id"])
    assert invoke(rest_api.id, "/pets", stage="test").json() == {"version": 1}
    assert invoke(rest_api.id, "/pets", stage="prod").json() == {"version": 2}
    assert invoke(rest_api.id, "/pets", stage="old").json() == {"version": 1}


# --- headers every answer has --------------------------------------------------------------------


def test_answers_carry_request_ids_and_mock_answers_no_trace_id(invoke, pets):
    first = invoke(pets.id, "/pets")
    second = invoke(pets.id, "/pets")
    for answer in (first, second):
        assert answer.headers["x-amzn-RequestId"]
        assert answer.headers["x-amz-apigw-id"]
        assert answer.headers["X-Amzn-Trace-Id"] is None
        assert answer.headers["Content-Length"] == str(len(answer.body))
    assert first.headers["x-amzn-RequestId"] != second.headers["x-amzn-RequestId"]


def test_the_request_id_header_is_the_context_request_id(invoke, rest_api):
    rest_api.mock("/pets", "GET", '{"requestId": "$context.requestId"}')
    rest_api.deploy()
    answer = invoke(rest_api.id, "/pets")
    assert answer.json() == {"requestId": answer.headers["x-amzn-RequestId"]}


def test_a_literal_resource_without_the_verb_leaves_the_request_to_a_greedy_sibling(invoke, rest_api):
    # Recorded on AWS (findings P1): /test has only POST, so OPTIONS /test reaches /{proxy+}'s
    # OPTIONS, as CDK's CORS preflight methods rely on.
    rest_api.mock("/test", "POST", '{"message": "POST request"}')
    rest_api.mock("/test/any", "ANY", '{"message": "ANY request"}')
    rest_api.mock("/{proxy+}", "OPTIONS", '{"message": "OPTIONS request"}')
    rest_api.deploy()
    assert invoke(rest_api.id, "/test", "OPTIONS").json() == {"message": "OPTIONS request"}
    assert invoke(rest_api.id, "/test", "POST").json() == {"message": "POST request"}
    assert invoke(rest_api.id, "/test/any", "OPTIONS").json() == {"message": "ANY request"}
    assert invoke(rest_api.id, "/test/any", "GET").json() == {"message": "ANY request"}
    # No resource has GET for /test: the gateway's 403.
    missing = invoke(rest_api.id, "/test", "GET")
    assert missing.status == 403, missing
    assert missing.json() == {"message": "Missing Authentication Token"}
