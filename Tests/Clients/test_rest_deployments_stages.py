"""Deployments and stages of REST APIs (method settings, access logs, canaries, cache), through boto3
and the AWS CLI, as AWS API Gateway answers them."""

import datetime

import pytest
from botocore.exceptions import ClientError
from aws_answers import ACCOUNT, OP_ENUM, body_of, error_of, status_of

LOG_GROUP = f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:access-logs"
VALID_PATHS = (
    "[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, "
    "/accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, "
    "/{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, "
    "/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/"
    "{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, "
    "/{resourcePath}/{httpMethod}/caching/dataEncrypted, "
    "/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, "
    "/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, "
    "/*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit "
    "/*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, "
    "/*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, "
    "/variables/{variable_name}, /tracingEnabled]"
)
DEFAULT_METHOD_SETTING = {
    "metricsEnabled": False,
    "dataTraceEnabled": False,
    "throttlingBurstLimit": 5000,
    "throttlingRateLimit": 10000.0,
    "cachingEnabled": False,
    "cacheTtlInSeconds": 300,
    "cacheDataEncrypted": False,
    "requireAuthorizationForCacheControl": True,
    "unauthorizedCacheControlHeaderStrategy": "SUCCEED_WITH_RESPONSE_HEADER",
}
ACCESS_LOG_PATHS = (
    "Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]"
)


def invalid_path(path):
    return ("BadRequestException", f"Invalid method setting path: {path}. Must be one of: {VALID_PATHS}")


def cannot_remove(setting):
    return (
        "BadRequestException",
        f"Cannot remove method setting {setting} because there is no method setting for this method ",
    )


def add_mock_method(apigateway, api, resource_id, http_method="GET"):
    apigateway.put_method(restApiId=api["id"], resourceId=resource_id, httpMethod=http_method, authorizationType="NONE")
    apigateway.put_integration(restApiId=api["id"], resourceId=resource_id, httpMethod=http_method, type="MOCK")


@pytest.fixture
def api(apigateway):
    """A REST API with a MOCK GET on / and on /pets."""
    api = apigateway.create_rest_api(name="deployable")
    add_mock_method(apigateway, api, api["rootResourceId"])
    pets = apigateway.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="pets")
    add_mock_method(apigateway, api, pets["id"])
    return api


@pytest.fixture
def deployment(apigateway, api):
    return apigateway.create_deployment(restApiId=api["id"], description="first")


@pytest.fixture
def stage(apigateway, api, deployment):
    return apigateway.create_stage(
        restApiId=api["id"], stageName="dev", deploymentId=deployment["id"], description="dev stage",
        variables={"color": "red"},
    )


def update_stage(apigateway, api, *operations, stage_name="dev"):
    return apigateway.update_stage(restApiId=api["id"], stageName=stage_name, patchOperations=list(operations))


def stage_error(apigateway, api, *operations):
    with pytest.raises(ClientError) as excinfo:
        update_stage(apigateway, api, *operations)
    return error_of(excinfo)


# --- deployments ---------------------------------------------------------------------------------


def test_create_deployment_refuses_an_api_without_methods(apigateway):
    api = apigateway.create_rest_api(name="empty")
    apigateway.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="nothing")
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_deployment(restApiId=api["id"], stageName="dev")
    assert status_of(excinfo) == 400
    assert error_of(excinfo) == ("BadRequestException", "The REST API doesn't contain any methods")
    assert apigateway.get_deployments(restApiId=api["id"])["items"] == []
    assert apigateway.get_stages(restApiId=api["id"])["item"] == []


def test_create_deployment_refuses_a_method_without_integration(apigateway):
    api = apigateway.create_rest_api(name="half")
    apigateway.put_method(
        restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="GET", authorizationType="NONE"
    )
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_deployment(restApiId=api["id"])
    assert error_of(excinfo) == ("BadRequestException", "No integration defined for method")


def test_create_and_get_deployment(apigateway, api):
    created = apigateway.create_deployment(restApiId=api["id"], description="first")
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert set(body_of(created)) == {"id", "createdDate", "description"}
    assert created["description"] == "first"
    assert isinstance(created["createdDate"], datetime.datetime)
    plain = apigateway.create_deployment(restApiId=api["id"])
    assert set(body_of(plain)) == {"id", "createdDate"}
    assert body_of(apigateway.get_deployment(restApiId=api["id"], deploymentId=created["id"])) == body_of(created)


def test_get_deployment_embeds_api_summary(apigateway, api):
    apigateway.update_method(
        restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="GET",
        patchOperations=[{"op": "replace", "path": "/apiKeyRequired", "value": "true"}],
    )
    created = apigateway.create_deployment(restApiId=api["id"])
    embedded = apigateway.get_deployment(restApiId=api["id"], deploymentId=created["id"], embed=["apisummary"])
    assert embedded["apiSummary"] == {
        "/": {"GET": {"authorizationType": "NONE", "apiKeyRequired": True}},
        "/pets": {"GET": {"authorizationType": "NONE", "apiKeyRequired": False}},
    }
    assert "apiSummary" not in apigateway.get_deployment(restApiId=api["id"], deploymentId=created["id"])


def test_deployment_summary_is_frozen_at_deploy_time(apigateway, api):
    created = apigateway.create_deployment(restApiId=api["id"])
    apigateway.put_method(
        restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="POST", authorizationType="AWS_IAM"
    )
    embedded = apigateway.get_deployment(restApiId=api["id"], deploymentId=created["id"], embed=["apisummary"])
    assert set(embedded["apiSummary"]["/"]) == {"GET"}


def test_get_deployments_paginates(apigateway, api):
    ids = [apigateway.create_deployment(restApiId=api["id"], description=f"d{index}")["id"] for index in range(5)]
    seen, sizes, position = [], [], None
    while True:
        page = apigateway.get_deployments(restApiId=api["id"], limit=2, **({"position": position} if position else {}))
        seen += [item["id"] for item in page["items"]]
        sizes.append(len(page["items"]))
        position = page.get("position")
        if not position:
            break
    assert sizes == [2, 2, 1]
    assert len(seen) == 5 and set(seen) == set(ids)


def test_update_deployment_description(apigateway, api, deployment):
    updated = apigateway.update_deployment(restApiId=api["id"], deploymentId=deployment["id"], patchOperations=[
        {"op": "replace", "path": "/description", "value": "new-description"},
    ])
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert body_of(updated) == {
        "id": deployment["id"],
        "createdDate": deployment["createdDate"],
        "description": "new-description",
    }


def test_create_deployment_with_stage_name_creates_the_stage(apigateway, api):
    created = apigateway.create_deployment(restApiId=api["id"], stageName="prod", variables={"env": "prod"})
    stage = apigateway.get_stage(restApiId=api["id"], stageName="prod")
    assert stage["deploymentId"] == created["id"]
    assert stage["variables"] == {"env": "prod"}
    assert (stage["cacheClusterEnabled"], stage["cacheClusterStatus"], stage["tracingEnabled"]) == (
        False,
        "NOT_AVAILABLE",
        False,
    )
    assert stage["methodSettings"] == {}
    assert "description" not in stage


def test_create_deployment_with_existing_stage_name_repoints_the_stage(apigateway, api, stage):
    second = apigateway.create_deployment(restApiId=api["id"], stageName="dev")
    fetched = apigateway.get_stage(restApiId=api["id"], stageName="dev")
    assert fetched["deploymentId"] == second["id"]
    assert fetched["variables"] == {"color": "red"}
    assert fetched["description"] == "dev stage"


def test_deployment_used_by_a_stage_cannot_be_deleted(apigateway, api, deployment, stage):
    with pytest.raises(ClientError) as excinfo:
        apigateway.delete_deployment(restApiId=api["id"], deploymentId=deployment["id"])
    assert status_of(excinfo) == 400
    assert error_of(excinfo) == (
        "BadRequestException",
        "Active stages pointing to this deployment must be moved or deleted",
    )
    assert apigateway.delete_stage(restApiId=api["id"], stageName="dev")["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert apigateway.delete_deployment(restApiId=api["id"], deploymentId=deployment["id"])["ResponseMetadata"][
        "HTTPStatusCode"
    ] == 202
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_deployment(restApiId=api["id"], deploymentId=deployment["id"])
    assert status_of(excinfo) == 404
    assert error_of(excinfo)[0] == "NotFoundException"


def test_canary_deployment_needs_an_existing_stage(apigateway, api):
    prefix = "Invalid deployment content specified."
    cases = [
        (
            {},
            prefix + "Non null and non empty stageName must be provided for canary deployment. Provided value is null",
        ),
        (
            {"stageName": ""},
            prefix + "Non null and non empty stageName must be provided for canary deployment. Provided value is ",
        ),
        (
            {"stageName": "non-existing"},
            prefix + "Stage non-existing must already be created before making a canary release deployment",
        ),
    ]
    for arguments, message in cases:
        with pytest.raises(ClientError) as excinfo:
            apigateway.create_deployment(restApiId=api["id"], canarySettings={"percentTraffic": 50}, **arguments)
        assert error_of(excinfo) == ("BadRequestException", message)
    assert apigateway.get_deployments(restApiId=api["id"])["items"] == []


def test_canary_deployment_sets_the_stage_canary(apigateway, api, deployment, stage):
    canary = apigateway.create_deployment(
        restApiId=api["id"], stageName="dev",
        canarySettings={"percentTraffic": 50, "stageVariableOverrides": {"color": "blue"}},
    )
    assert set(body_of(canary)) == {"id", "createdDate"}
    fetched = apigateway.get_stage(restApiId=api["id"], stageName="dev")
    assert fetched["deploymentId"] == deployment["id"]
    assert fetched["canarySettings"] == {
        "deploymentId": canary["id"], "percentTraffic": 50.0, "stageVariableOverrides": {"color": "blue"},
        "useStageCache": False,
    }


# --- stages --------------------------------------------------------------------------------------


def test_create_stage_shape(apigateway, api, deployment):
    created = apigateway.create_stage(
        restApiId=api["id"], stageName="dev", deploymentId=deployment["id"], description="dev stage"
    )
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 201
    body = body_of(created)
    assert isinstance(body.pop("createdDate"), datetime.datetime)
    assert isinstance(body.pop("lastUpdatedDate"), datetime.datetime)
    assert body == {
        "cacheClusterEnabled": False, "cacheClusterStatus": "NOT_AVAILABLE", "deploymentId": deployment["id"],
        "description": "dev stage", "methodSettings": {}, "stageName": "dev", "tracingEnabled": False,
    }
    assert body_of(apigateway.get_stage(restApiId=api["id"], stageName="dev")) == body_of(created)


def test_get_stages_uses_item_and_filters_by_deployment(apigateway, api, deployment, stage):
    other = apigateway.create_deployment(restApiId=api["id"])
    apigateway.create_stage(restApiId=api["id"], stageName="prod", deploymentId=other["id"])
    apigateway.create_stage(restApiId=api["id"], stageName="qa", deploymentId=other["id"])
    everything = apigateway.get_stages(restApiId=api["id"])
    assert "items" not in everything
    assert sorted(item["stageName"] for item in everything["item"]) == ["dev", "prod", "qa"]
    filtered = apigateway.get_stages(restApiId=api["id"], deploymentId=other["id"])
    assert sorted(item["stageName"] for item in filtered["item"]) == ["prod", "qa"]
    assert [
        item["stageName"] for item in apigateway.get_stages(restApiId=api["id"], deploymentId=deployment["id"])["item"]
    ] == ["dev"]


def test_create_stage_with_unknown_canary_deployment(apigateway, api, deployment):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_stage(
            restApiId=api["id"],
            stageName="dev",
            deploymentId=deployment["id"],
            canarySettings={"deploymentId": "deploy"},
        )
    assert error_of(excinfo) == ("BadRequestException", "Deployment id does not exist")


def test_stage_name_is_unique(apigateway, api, deployment, stage):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_stage(restApiId=api["id"], stageName="dev", deploymentId=deployment["id"])
    assert status_of(excinfo) == 409
    assert error_of(excinfo)[0] == "ConflictException"


def test_delete_stage(apigateway, api, stage):
    assert apigateway.delete_stage(restApiId=api["id"], stageName="dev")["ResponseMetadata"]["HTTPStatusCode"] == 202
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_stage(restApiId=api["id"], stageName="dev")
    assert status_of(excinfo) == 404
    assert error_of(excinfo)[0] == "NotFoundException"
    assert apigateway.get_stages(restApiId=api["id"])["item"] == []


def test_update_stage_description_variables_and_tracing(apigateway, api, stage):
    updated = update_stage(
        apigateway, api,
        {"op": "replace", "path": "/description", "value": "changed"},
        {"op": "replace", "path": "/variables/size", "value": "large"},
        {"op": "replace", "path": "/tracingEnabled", "value": "true"},
    )
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert (updated["description"], updated["tracingEnabled"]) == ("changed", True)
    assert updated["variables"] == {"color": "red", "size": "large"}
    removed = update_stage(
        apigateway, api,
        {"op": "remove", "path": "/variables/color"},
        {"op": "remove", "path": "/variables/size"},
    )
    assert "variables" not in removed
    assert removed["methodSettings"] == {}
    assert removed["cacheClusterStatus"] == "NOT_AVAILABLE"


def test_update_stage_repoints_deployment(apigateway, api, stage):
    second = apigateway.create_deployment(restApiId=api["id"])
    assert (
        update_stage(apigateway, api, {"op": "replace", "path": "/deploymentId", "value": second["id"]})["deploymentId"]
        == second["id"]
    )
    assert stage_error(apigateway, api, {"op": "replace", "path": "/deploymentId", "value": "nope"}) == (
        "BadRequestException", "Deployment id does not exist"
    )


def test_method_settings_for_all_methods(apigateway, api, stage):
    updated = update_stage(apigateway, api, {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "100"})
    assert updated["methodSettings"] == {"*/*": dict(DEFAULT_METHOD_SETTING, throttlingRateLimit=100.0)}
    cached = update_stage(
        apigateway, api,
        {"op": "replace", "path": "/*/*/caching/enabled", "value": "true"},
        {"op": "replace", "path": "/*/*/caching/ttlInSeconds", "value": "60"},
        {"op": "replace", "path": "/*/*/metrics/enabled", "value": "true"},
        {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": "20"},
    )
    assert cached["methodSettings"]["*/*"] == dict(
        DEFAULT_METHOD_SETTING, throttlingRateLimit=100.0, cachingEnabled=True, cacheTtlInSeconds=60,
        metricsEnabled=True, throttlingBurstLimit=20,
    )
    assert cached["cacheClusterEnabled"] is False
    assert "loggingLevel" not in cached["methodSettings"]["*/*"]


def test_method_settings_for_one_method_keep_the_escaped_key(apigateway, api, stage):
    apigateway.update_account(patchOperations=[
        {"op": "replace", "path": "/cloudwatchRoleArn", "value": f"arn:aws:iam::{ACCOUNT}:role/apigw-logs"},
    ])
    updated = update_stage(
        apigateway, api,
        {"op": "replace", "path": "/~1pets/GET/logging/loglevel", "value": "INFO"},
        {"op": "replace", "path": "/~1pets/GET/logging/dataTrace", "value": "true"},
    )
    assert updated["methodSettings"] == {
        "~1pets/GET": dict(DEFAULT_METHOD_SETTING, loggingLevel="INFO", dataTraceEnabled=True),
    }
    assert apigateway.get_stage(restApiId=api["id"], stageName="dev")["methodSettings"] == updated["methodSettings"]


def test_enabling_logging_needs_a_cloudwatch_role(apigateway, api, stage):
    assert stage_error(apigateway, api, {"op": "replace", "path": "/*/*/logging/loglevel", "value": "INFO"}) == (
        "BadRequestException", "CloudWatch Logs role ARN must be set in account settings to enable logging"
    )
    assert apigateway.get_stage(restApiId=api["id"], stageName="dev")["methodSettings"] == {}


def test_new_method_setting_starts_from_the_all_methods_values(apigateway, api, stage):
    update_stage(
        apigateway, api,
        {"op": "replace", "path": "/*/*/caching/enabled", "value": "true"},
        {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "50"},
    )
    updated = update_stage(
        apigateway, api, {"op": "replace", "path": "/test/GET/throttling/burstLimit", "value": "124"}
    )
    assert updated["methodSettings"]["test/GET"] == dict(
        DEFAULT_METHOD_SETTING, cachingEnabled=True, throttlingRateLimit=50.0, throttlingBurstLimit=124,
    )
    # Later changes to */* leave existing per-method settings alone.
    later = update_stage(apigateway, api, {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": "100"})
    assert later["methodSettings"]["test/GET"]["throttlingBurstLimit"] == 124
    assert later["methodSettings"]["*/*"]["throttlingBurstLimit"] == 100


def test_remove_method_settings(apigateway, api, stage):
    update_stage(
        apigateway, api,
        {"op": "replace", "path": "/*/*/metrics/enabled", "value": "true"},
        {"op": "replace", "path": "/test/GET/metrics/enabled", "value": "true"},
    )
    removed = update_stage(apigateway, api, {"op": "remove", "path": "/*/*"})
    assert set(removed["methodSettings"]) == {"test/GET"}
    assert update_stage(apigateway, api, {"op": "remove", "path": "/test/GET"})["methodSettings"] == {}
    assert stage_error(apigateway, api, {"op": "remove", "path": "/*/*"}) == cannot_remove("*/*")


@pytest.mark.parametrize("path", ["/documentation_version", "/tags/tag1", "/canarySettings", "/canarySettings/badPath"])
def test_update_stage_invalid_paths(apigateway, api, stage, path):
    assert stage_error(apigateway, api, {"op": "replace", "path": path, "value": "test"}) == invalid_path(path)


def test_update_stage_unknown_op(apigateway, api, stage):
    assert stage_error(
        apigateway, api,
        {"op": "replace", "path": "/description", "value": "x"},
        {"op": "wrong", "path": "/description", "value": "y"},
    ) == (
        "ValidationException",
        "1 validation error detected: Value 'wrong' at 'updateStageInput.patchOperations.2.member.op' failed to "
        f"satisfy constraint: Member must satisfy enum value set: {OP_ENUM}",
    )
    assert apigateway.get_stage(restApiId=api["id"], stageName="dev")["description"] == "dev stage"


# --- access log settings -------------------------------------------------------------------------


def test_access_log_settings(apigateway, api, stage):
    updated = update_stage(
        apigateway, api,
        {"op": "add", "path": "/accessLogSettings/destinationArn", "value": LOG_GROUP},
        {"op": "add", "path": "/accessLogSettings/format", "value": "$context.requestId $context.identity.sourceIp"},
    )
    assert updated["accessLogSettings"] == {
        "destinationArn": LOG_GROUP, "format": "$context.requestId $context.identity.sourceIp",
    }
    replaced = update_stage(
        apigateway, api, {"op": "replace", "path": "/accessLogSettings/format", "value": "$context.requestId"}
    )
    assert replaced["accessLogSettings"]["format"] == "$context.requestId"
    removed = update_stage(apigateway, api, {"op": "remove", "path": "/accessLogSettings"})
    assert "accessLogSettings" not in removed
    assert "accessLogSettings" not in apigateway.get_stage(restApiId=api["id"], stageName="dev")


@pytest.mark.parametrize(
    "operation,error",
    [
        (
            {"op": "add", "path": "/accessLogSettings/randomValue", "value": "x"},
            ("BadRequestException", ACCESS_LOG_PATHS),
        ),
        (
            {"op": "replace", "path": "/accessLogSettings/randomValue", "value": "x"},
            ("BadRequestException", ACCESS_LOG_PATHS),
        ),
        ({"op": "add", "path": "/accessLogSettings/*", "value": "x"}, ("BadRequestException", ACCESS_LOG_PATHS)),
        ({"op": "replace", "path": "/accessLogSettings", "value": "x"}, ("BadRequestException", ACCESS_LOG_PATHS)),
        ({"op": "remove", "path": "/accessLogSettings/randomValue"}, cannot_remove("accessLogSettings/randomValue")),
        ({"op": "remove", "path": "/accessLogSettings/*"}, cannot_remove("accessLogSettings/*")),
        (
            {"op": "remove", "path": "/accessLogSettings/destinationArn"},
            cannot_remove("accessLogSettings/destinationArn"),
        ),
        (
            {"op": "replace", "path": "/accessLogSettings/destinationArn", "value": ""},
            ("BadRequestException", "Access Log value must not be empty"),
        ),
        (
            {"op": "replace", "path": "/accessLogSettings/format", "value": ""},
            ("BadRequestException", "Access Log value must not be empty"),
        ),
    ],
)
def test_access_log_settings_errors(apigateway, api, stage, operation, error):
    update_stage(apigateway, api, {"op": "replace", "path": "/accessLogSettings/destinationArn", "value": LOG_GROUP})
    assert stage_error(apigateway, api, operation) == error
    assert apigateway.get_stage(restApiId=api["id"], stageName="dev")["accessLogSettings"] == {
        "destinationArn": LOG_GROUP
    }


# --- canary settings -----------------------------------------------------------------------------


def test_canary_percent_traffic_creates_a_canary_on_the_current_deployment(apigateway, api, deployment, stage):
    updated = update_stage(apigateway, api, {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "50"})
    assert updated["canarySettings"] == {
        "deploymentId": deployment["id"],
        "percentTraffic": 50.0,
        "useStageCache": False,
    }
    tuned = update_stage(
        apigateway, api,
        {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "12.5"},
        {"op": "replace", "path": "/canarySettings/stageVariableOverrides/color", "value": "blue"},
        {"op": "replace", "path": "/canarySettings/useStageCache", "value": "true"},
    )
    assert tuned["canarySettings"] == {
        "deploymentId": deployment["id"], "percentTraffic": 12.5, "stageVariableOverrides": {"color": "blue"},
        "useStageCache": True,
    }
    removed = update_stage(apigateway, api, {"op": "remove", "path": "/canarySettings"})
    assert "canarySettings" not in removed


def test_canary_deployment_id_creates_a_canary_with_no_traffic(apigateway, api, stage):
    second = apigateway.create_deployment(restApiId=api["id"])
    updated = update_stage(
        apigateway, api, {"op": "replace", "path": "/canarySettings/deploymentId", "value": second["id"]}
    )
    assert updated["canarySettings"] == {"deploymentId": second["id"], "percentTraffic": 0.0, "useStageCache": False}


def test_canary_setting_errors(apigateway, api, stage):
    assert stage_error(apigateway, api, {"op": "add", "path": "/canarySettings/deploymentId", "value": "x"}) == (
        "BadRequestException", "Invalid add operation with path: /canarySettings/deploymentId"
    )
    assert stage_error(
        apigateway, api, {"op": "replace", "path": "/canarySettings/deploymentId", "value": "deploy"}
    ) == ("BadRequestException", "Deployment id does not exist")
    update_stage(
        apigateway, api, {"op": "replace", "path": "/canarySettings/stageVariableOverrides/color", "value": "blue"}
    )
    assert stage_error(
        apigateway, api, {"op": "remove", "path": "/canarySettings/stageVariableOverrides"}
    ) == cannot_remove("canarySettings/stageVariableOverrides")
    assert stage_error(apigateway, api, {"op": "remove", "path": "/canarySettings/badPath"}) == cannot_remove(
        "canarySettings/badPath"
    )


def test_canary_promotion_with_copy(apigateway, api, deployment, stage):
    canary = apigateway.create_deployment(
        restApiId=api["id"], stageName="dev",
        canarySettings={"percentTraffic": 25, "stageVariableOverrides": {"color": "override"}},
    )
    update_stage(apigateway, api, {"op": "replace", "path": "/variables/size", "value": "small"})
    promoted = update_stage(
        apigateway, api,
        {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "0.0"},
        {"op": "copy", "from": "/canarySettings/deploymentId", "path": "/deploymentId"},
        {"op": "copy", "from": "/canarySettings/stageVariableOverrides", "path": "/variables"},
    )
    assert promoted["deploymentId"] == canary["id"]
    assert promoted["variables"] == {"color": "override", "size": "small"}
    assert promoted["canarySettings"] == {
        "deploymentId": canary["id"], "percentTraffic": 0.0, "stageVariableOverrides": {"color": "override"},
        "useStageCache": False,
    }
    # The old deployment is free again.
    assert apigateway.delete_deployment(restApiId=api["id"], deploymentId=deployment["id"])["ResponseMetadata"][
        "HTTPStatusCode"
    ] == 202


def test_copy_promotion_on_a_stage_without_canary(apigateway, api, deployment, stage):
    promoted = update_stage(
        apigateway, api,
        {"op": "replace", "path": "/canarySettings/percentTraffic", "value": "0.0"},
        {"op": "copy", "from": "/canarySettings/deploymentId", "path": "/deploymentId"},
        {"op": "copy", "from": "/canarySettings/stageVariableOverrides", "path": "/variables"},
    )
    assert promoted["deploymentId"] == deployment["id"]
    assert promoted["variables"] == {"color": "red"}
    assert promoted["canarySettings"] == {
        "deploymentId": deployment["id"],
        "percentTraffic": 0.0,
        "useStageCache": False,
    }


def test_copy_errors(apigateway, api, stage):
    assert stage_error(
        apigateway, api,
        {"op": "copy", "from": "/canarySettings/deploymentId", "path": "/deploymentId"},
        {"op": "copy", "from": "/canarySettings/stageVariableOverrides", "path": "/variables"},
    ) == ("BadRequestException", "Promotion not available. Canary does not exist.")
    assert stage_error(
        apigateway, api,
        {"op": "copy", "from": "/variables", "path": "/canarySettings/stageVariableOverrides"},
        {"op": "copy", "from": "/deploymentId", "path": "/canarySettings/deploymentId"},
    ) == (
        "BadRequestException",
        "Invalid copy operation with path: /canarySettings/stageVariableOverrides and from /variables. Valid copy:path "
        "are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, "
        "/canarySettings/stageVariableOverrides]",
    )
    assert "canarySettings" not in apigateway.get_stage(restApiId=api["id"], stageName="dev")


# --- cache cluster -------------------------------------------------------------------------------


def test_cache_cluster_enable_resize_disable(apigateway, api, stage):
    enabled = update_stage(
        apigateway, api,
        {"op": "replace", "path": "/cacheClusterEnabled", "value": "true"},
        {"op": "replace", "path": "/cacheClusterSize", "value": "1.6"},
    )
    assert enabled["cacheClusterEnabled"] is True
    assert enabled["cacheClusterSize"] == "1.6"
    assert enabled["cacheClusterStatus"] in ("CREATE_IN_PROGRESS", "AVAILABLE")
    disabled = update_stage(apigateway, api, {"op": "replace", "path": "/cacheClusterEnabled", "value": "false"})
    assert disabled["cacheClusterEnabled"] is False
    assert disabled["cacheClusterStatus"] in ("DELETE_IN_PROGRESS", "NOT_AVAILABLE")


def test_create_stage_with_cache_cluster(apigateway, api, deployment):
    created = apigateway.create_stage(
        restApiId=api["id"], stageName="cached", deploymentId=deployment["id"], cacheClusterEnabled=True,
        cacheClusterSize="0.5",
    )
    assert (created["cacheClusterEnabled"], created["cacheClusterSize"]) == (True, "0.5")
    assert created["cacheClusterStatus"] in ("CREATE_IN_PROGRESS", "AVAILABLE")


def test_invalid_cache_cluster_size(apigateway, api, stage):
    code, _ = stage_error(apigateway, api, {"op": "replace", "path": "/cacheClusterSize", "value": "2"})
    assert code == "BadRequestException"
    assert "cacheClusterSize" not in apigateway.get_stage(restApiId=api["id"], stageName="dev")


# --- the AWS CLI ---------------------------------------------------------------------------------


def test_update_stage_through_the_aws_cli(aws):
    api = aws("apigateway", "create-rest-api", "--name", "cli")
    aws("apigateway", "put-method", "--rest-api-id", api["id"], "--resource-id", api["rootResourceId"],
        "--http-method", "GET", "--authorization-type", "NONE")
    aws("apigateway", "put-integration", "--rest-api-id", api["id"], "--resource-id", api["rootResourceId"],
        "--http-method", "GET", "--type", "MOCK")
    deployment = aws("apigateway", "create-deployment", "--rest-api-id", api["id"], "--stage-name", "dev",
                     "--variables", "color=red")
    stage = aws(
        "apigateway", "update-stage", "--rest-api-id", api["id"], "--stage-name", "dev", "--patch-operations",
        "op=replace,path=/*/*/throttling/rateLimit,value=100",
        "op=replace,path=/*/*/throttling/burstLimit,value=50",
        "op=replace,path=/variables/size,value=large",
        "op=remove,path=/variables/color",
    )
    assert stage["deploymentId"] == deployment["id"]
    assert stage["variables"] == {"size": "large"}
    assert stage["methodSettings"] == {
        "*/*": dict(DEFAULT_METHOD_SETTING, throttlingRateLimit=100.0, throttlingBurstLimit=50),
    }
    stages = aws("apigateway", "get-stages", "--rest-api-id", api["id"])
    assert [item["stageName"] for item in stages["item"]] == ["dev"]
    error = aws("apigateway", "update-stage", "--rest-api-id", api["id"], "--stage-name", "dev",
                "--patch-operations", "op=replace,path=/documentation_version,value=v1", expect_failure=True)
    assert "BadRequestException" in error
    assert "Invalid method setting path: /documentation_version. Must be one of: [/deploymentId," in error


def test_update_deployment_unknown_op(apigateway, api, deployment):
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_deployment(restApiId=api["id"], deploymentId=deployment["id"], patchOperations=[
            {"op": "move", "path": "/description", "value": "x"}, {"op": "wrong", "path": "/description", "value": "y"},
        ])
    assert error_of(excinfo) == (
        "ValidationException",
        "1 validation error detected: Value 'wrong' at 'updateDeploymentInput.patchOperations.2.member.op' failed to "
        f"satisfy constraint: Member must satisfy enum value set: {OP_ENUM}",
    )


def test_an_unknown_stage_is_named_as_aws_names_it(apigateway):
    api = apigateway.create_rest_api(name="stages")
    for call in (
        lambda: apigateway.get_stage(restApiId=api["id"], stageName="nope"),
        lambda: apigateway.update_stage(restApiId=api["id"], stageName="nope", patchOperations=[]),
        lambda: apigateway.delete_stage(restApiId=api["id"], stageName="nope"),
    ):
        with pytest.raises(ClientError) as excinfo:
            call()
        assert status_of(excinfo) == 404
        assert error_of(excinfo) == ("NotFoundException", "Invalid stage identifier specified")
