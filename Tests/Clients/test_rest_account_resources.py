"""The account-level resources of API Gateway v1: API keys, usage plans and their keys and usage,
domain names and base path mappings, VPC links, client certificates, documentation parts and
versions, the account and tags, through boto3, as AWS API Gateway answers them."""

import datetime
import json
import os
import re
import ssl
import tempfile

import pytest
from botocore.exceptions import ClientError
from aws_answers import ACCOUNT, OP_ENUM, body_of, error_of, http_status, status_of

REGION = "us-east-1"
NLB_ARN = f"arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/net/my-nlb/1234567890abcdef"
CERT_ARN = f"arn:aws:acm:{REGION}:{ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555"
DOC_TYPES = (
    "[RESPONSE_BODY, RESPONSE, METHOD, MODEL, AUTHORIZER, RESPONSE_HEADER, RESOURCE, PATH_PARAMETER, REQUEST_BODY, "
    "QUERY_PARAMETER, API, REQUEST_HEADER]"
)


def collect(call, limit, **arguments):
    """Every item of a paginated list, and the size of each page."""
    items, sizes, position = [], [], None
    while True:
        page = call(limit=limit, **({"position": position} if position else {}), **arguments)
        items += page["items"]
        sizes.append(len(page["items"]))
        position = page.get("position")
        if not position:
            return items, sizes


def deployed_api(apigateway, stage_name="dev"):
    """A REST API with a MOCK method, deployed to `stage_name`."""
    api = apigateway.create_rest_api(name="deployed")
    apigateway.put_method(
        restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="GET", authorizationType="NONE"
    )
    apigateway.put_integration(restApiId=api["id"], resourceId=api["rootResourceId"], httpMethod="GET", type="MOCK")
    apigateway.create_deployment(restApiId=api["id"], stageName=stage_name)
    return api


# --- API keys ------------------------------------------------------------------------------------


def test_create_api_key_generates_a_40_character_value(apigateway):
    key = apigateway.create_api_key(name="test-key")
    assert http_status(key) == 201
    body = body_of(key)
    assert isinstance(body.pop("createdDate"), datetime.datetime)
    assert isinstance(body.pop("lastUpdatedDate"), datetime.datetime)
    assert re.fullmatch(r"[A-Za-z0-9]{40}", body.pop("value"))
    assert body == {"id": key["id"], "name": "test-key", "enabled": False, "stageKeys": []}


def test_create_api_key_with_given_fields(apigateway):
    value = "abcdefghij0123456789XYZ"
    key = apigateway.create_api_key(
        name="given", description="for customer 42", enabled=True, value=value, customerId="customer-42",
    )
    assert (key["value"], key["description"], key["enabled"], key["customerId"]) == (
        value, "for customer 42", True, "customer-42"
    )


def test_api_key_without_name_or_with_empty_value(apigateway):
    key = apigateway.create_api_key(value="")
    assert "name" not in key
    assert len(key["value"]) == 40
    assert "name" not in apigateway.create_api_key(name="")


def test_get_api_key_shows_the_value_only_when_asked(apigateway):
    key = apigateway.create_api_key(name="k")
    plain = apigateway.get_api_key(apiKey=key["id"])
    assert "value" not in plain
    assert (plain["id"], plain["name"], plain["enabled"]) == (key["id"], "k", False)
    assert apigateway.get_api_key(apiKey=key["id"], includeValue=True)["value"] == key["value"]


def test_get_api_keys_values_only_with_include_values(apigateway):
    keys = {apigateway.create_api_key(name=f"k{index}")["id"]: None for index in range(3)}
    listed = apigateway.get_api_keys()["items"]
    assert {item["id"] for item in listed} == set(keys)
    assert all("value" not in item for item in listed)
    with_values = apigateway.get_api_keys(includeValues=True)["items"]
    assert all(re.fullmatch(r"[A-Za-z0-9]{40}", item["value"]) for item in with_values)


def test_get_api_keys_name_query_is_a_case_sensitive_prefix(apigateway):
    apigateway.create_api_key(name="test-key")
    apigateway.create_api_key(name="other")
    for query, expected in [
        ("test-key", ["test-key"]),
        ("test", ["test-key"]),
        ("TEST", []),
        ("key", []),
        ("st-k", []),
    ]:
        assert [item["name"] for item in apigateway.get_api_keys(nameQuery=query)["items"]] == expected, query


def test_get_api_keys_customer_id_filter(apigateway):
    apigateway.create_api_key(name="a", customerId="c1")
    apigateway.create_api_key(name="b", customerId="c2")
    assert [item["name"] for item in apigateway.get_api_keys(customerId="c2")["items"]] == ["b"]


def test_get_api_keys_paginates(apigateway):
    ids = {apigateway.create_api_key(name=f"key{index}")["id"] for index in range(5)}
    first = apigateway.get_api_keys(limit=1)
    assert len(first["items"]) == 1 and "position" in first
    items, sizes = collect(apigateway.get_api_keys, 2)
    assert sizes == [2, 2, 1]
    assert len(items) == 5 and {item["id"] for item in items} == ids


def test_api_keys_and_usage_plan_keys_list_the_newest_first(apigateway):
    key1 = apigateway.create_api_key(name="test-key-0a1b2c3d")
    key2 = apigateway.create_api_key(name="test-key-4e5f6a7b")
    newest_first = [key2["id"], key1["id"]]
    assert [item["id"] for item in apigateway.get_api_keys()["items"]] == newest_first
    assert [item["id"] for item in apigateway.get_api_keys(nameQuery="test-key")["items"]] == newest_first
    first = apigateway.get_api_keys(limit=1)
    assert [item["id"] for item in first["items"]] == [key2["id"]] and "position" in first
    second = apigateway.get_api_keys(limit=1, position=first["position"])
    assert [item["id"] for item in second["items"]] == [key1["id"]] and "position" not in second
    plan = apigateway.create_usage_plan(name="p")
    for key in (key1, key2):
        apigateway.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    for query in ({}, {"nameQuery": "test-key"}):
        listed = apigateway.get_usage_plan_keys(usagePlanId=plan["id"], **query)["items"]
        assert [item["id"] for item in listed] == newest_first, query


def test_get_api_keys_negative_limit_is_an_empty_page(apigateway):
    apigateway.create_api_key(name="k")
    assert apigateway.get_api_keys(limit=-1)["items"] == []


def test_update_api_key(apigateway):
    key = apigateway.create_api_key(name="old", enabled=True)
    updated = apigateway.update_api_key(apiKey=key["id"], patchOperations=[
        {"op": "replace", "path": "/name", "value": "new-name"},
        {"op": "replace", "path": "/description", "value": "described"},
        {"op": "replace", "path": "/customerId", "value": "c9"},
        {"op": "replace", "path": "/enabled", "value": "not-a-boolean"},
    ])
    assert http_status(updated) == 200
    assert (updated["name"], updated["description"], updated["customerId"], updated["enabled"]) == (
        "new-name", "described", "c9", False
    )
    assert updated["tags"] == {}
    assert "value" not in updated
    fetched = apigateway.get_api_key(apiKey=key["id"], includeValue=True)
    assert (fetched["name"], fetched["enabled"], fetched["value"]) == ("new-name", False, key["value"])


def test_update_api_key_immutable_field(apigateway):
    key = apigateway.create_api_key(name="k")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_api_key(apiKey=key["id"], patchOperations=[{"op": "replace", "path": "/id", "value": "x"}])
    assert error_of(excinfo) == (
        "BadRequestException",
        "Invalid patch path  '/id' specified for op 'replace'. Must be one of: [/description, /enabled, /name, /customerId]",
    )


def test_update_api_key_unknown_op(apigateway):
    key = apigateway.create_api_key(name="k")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_api_key(apiKey=key["id"], patchOperations=[{"op": "wrong", "path": "/name", "value": "x"}])
    assert error_of(excinfo) == (
        "ValidationException",
        "1 validation error detected: Value 'wrong' at 'updateApiKeyInput.patchOperations.1.member.op' failed to "
        f"satisfy constraint: Member must satisfy enum value set: {OP_ENUM}",
    )


@pytest.mark.parametrize(
    "arguments,message",
    [
        ({"name": "n" * 1025}, "Invalid API Key name, can be at most 1024 characters."),
        ({"value": "short"}, "API Key value should be at least 20 characters"),
        ({"value": "v" * 129}, "API Key value exceeds maximum size of 128 characters"),
        ({"description": "d" * 125001}, "Invalid API Key description specified."),
    ],
)
def test_create_api_key_limits(apigateway, arguments, message):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_api_key(**arguments)
    assert error_of(excinfo) == ("BadRequestException", message)
    assert apigateway.get_api_keys()["items"] == []


def test_update_api_key_description_limit(apigateway):
    key = apigateway.create_api_key(name="k")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_api_key(apiKey=key["id"], patchOperations=[
            {"op": "replace", "path": "/description", "value": "d" * 125001},
        ])
    assert error_of(excinfo) == ("BadRequestException", "Invalid API Key description specified.")


def test_delete_api_key(apigateway):
    key = apigateway.create_api_key(name="k")
    assert http_status(apigateway.delete_api_key(apiKey=key["id"])) == 202
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_api_key(apiKey=key["id"])
    assert status_of(excinfo) == 404
    assert error_of(excinfo)[0] == "NotFoundException"
    assert apigateway.get_api_keys()["items"] == []


def test_import_api_keys_from_csv(apigateway):
    plan = apigateway.create_usage_plan(name="imported")
    first, second = "importedKeyValue0000000001", "importedKeyValue0000000002"
    csv = (
        "Name,Key,Description,Enabled,UsagePlanIds\n"
        f"alpha,{first},first key,TRUE,{plan['id']}\n"
        f"beta,{second},second key,false,\n"
    )
    imported = apigateway.import_api_keys(body=csv.encode(), format="csv")
    assert http_status(imported) == 201
    assert len(imported["ids"]) == 2
    keys = {
        key["name"]: key for key in (apigateway.get_api_key(apiKey=id, includeValue=True) for id in imported["ids"])
    }
    assert (keys["alpha"]["value"], keys["alpha"]["description"], keys["alpha"]["enabled"]) == (
        first,
        "first key",
        True,
    )
    assert (keys["beta"]["value"], keys["beta"]["enabled"]) == (second, False)
    plan_keys = apigateway.get_usage_plan_keys(usagePlanId=plan["id"])["items"]
    assert [(key["name"], key["value"]) for key in plan_keys] == [("alpha", first)]


# --- usage plans ---------------------------------------------------------------------------------


def test_create_usage_plan(apigateway):
    api = deployed_api(apigateway)
    plan = apigateway.create_usage_plan(
        name="gold", description="gold plan", apiStages=[{"apiId": api["id"], "stage": "dev"}],
        throttle={"burstLimit": 1, "rateLimit": 2}, quota={"limit": 10, "period": "DAY"},
    )
    assert http_status(plan) == 201
    assert body_of(plan) == {
        "id": plan["id"],
        "name": "gold",
        "description": "gold plan",
        "apiStages": [{"apiId": api["id"], "stage": "dev"}],
        "throttle": {"burstLimit": 1, "rateLimit": 2.0},
        "quota": {"limit": 10, "offset": 0, "period": "DAY"},
    }
    fetched = apigateway.get_usage_plan(usagePlanId=plan["id"])
    assert fetched["tags"] == {}
    assert {key: value for key, value in body_of(fetched).items() if key != "tags"} == body_of(plan)


def test_minimal_usage_plan_has_empty_api_stages(apigateway):
    plan = apigateway.create_usage_plan(name="basic")
    assert body_of(plan) == {"id": plan["id"], "name": "basic", "apiStages": []}


def test_usage_plan_api_stages_must_exist(apigateway):
    api = deployed_api(apigateway)
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_usage_plan(name="bad", apiStages=[{"apiId": api["id"], "stage": "fakestagename"}])
    assert status_of(excinfo) == 404
    code, message = error_of(excinfo)
    assert code == "NotFoundException"
    assert re.fullmatch(
        rf"Invalid API Stage \{{api: {api['id']}, stage: fakestagename\}} specified for usageplan \w+", message
    )
    assert apigateway.get_usage_plans()["items"] == []


def test_get_usage_plans_paginates_without_tags(apigateway):
    ids = {apigateway.create_usage_plan(name=f"p{index}")["id"] for index in range(5)}
    items, sizes = collect(apigateway.get_usage_plans, 2)
    assert sizes == [2, 2, 1]
    assert len(items) == 5 and {item["id"] for item in items} == ids
    assert all("tags" not in item for item in items)


def test_update_usage_plan_throttle_and_quota(apigateway):
    plan = apigateway.create_usage_plan(name="p", throttle={"burstLimit": 1, "rateLimit": 2})
    updated = apigateway.update_usage_plan(usagePlanId=plan["id"], patchOperations=[
        {"op": "replace", "path": "/throttle/burstLimit", "value": "100"},
        {"op": "replace", "path": "/throttle/rateLimit", "value": "200"},
        {"op": "add", "path": "/quota/limit", "value": "5000"},
        {"op": "add", "path": "/quota/period", "value": "MONTH"},
        {"op": "replace", "path": "/name", "value": "renamed"},
        {"op": "replace", "path": "/description", "value": "described"},
    ])
    assert http_status(updated) == 200
    assert updated["throttle"] == {"burstLimit": 100, "rateLimit": 200.0}
    assert updated["quota"] == {"limit": 5000, "offset": 0, "period": "MONTH"}
    assert (updated["name"], updated["description"], updated["tags"]) == ("renamed", "described", {})
    removed = apigateway.update_usage_plan(usagePlanId=plan["id"], patchOperations=[
        {"op": "remove", "path": "/throttle"},
        {"op": "remove", "path": "/quota"},
    ])
    assert "throttle" not in removed and "quota" not in removed


def test_update_usage_plan_api_stages(apigateway):
    api = deployed_api(apigateway)
    apigateway.create_deployment(restApiId=api["id"], stageName="prod")
    plan = apigateway.create_usage_plan(name="p")
    added = apigateway.update_usage_plan(usagePlanId=plan["id"], patchOperations=[
        {"op": "add", "path": "/apiStages", "value": f"{api['id']}:dev"},
        {"op": "add", "path": "/apiStages", "value": f"{api['id']}:prod"},
    ])
    assert added["apiStages"] == [{"apiId": api["id"], "stage": "dev"}, {"apiId": api["id"], "stage": "prod"}]
    throttled = apigateway.update_usage_plan(usagePlanId=plan["id"], patchOperations=[
        {"op": "replace", "path": f"/apiStages/{api['id']}:dev/throttle//pets/GET/rateLimit", "value": "10"},
        {"op": "replace", "path": f"/apiStages/{api['id']}:dev/throttle//pets/GET/burstLimit", "value": "5"},
    ])
    dev = next(stage for stage in throttled["apiStages"] if stage["stage"] == "dev")
    assert dev["throttle"] == {"/pets/GET": {"burstLimit": 5, "rateLimit": 10.0}}
    removed = apigateway.update_usage_plan(usagePlanId=plan["id"], patchOperations=[
        {"op": "remove", "path": "/apiStages", "value": f"{api['id']}:dev"},
    ])
    assert removed["apiStages"] == [{"apiId": api["id"], "stage": "prod"}]


def test_update_usage_plan_api_stage_errors(apigateway):
    api = deployed_api(apigateway)
    plan = apigateway.create_usage_plan(name="p")
    for operation in ({"op": "add", "path": "/apiStages"}, {"op": "add", "path": "/apiStages", "value": "wrong"},
                      {"op": "remove", "path": "/apiStages"}):
        with pytest.raises(ClientError) as excinfo:
            apigateway.update_usage_plan(usagePlanId=plan["id"], patchOperations=[operation])
        assert error_of(excinfo) == ("BadRequestException", "Invalid API Stage specified"), operation
    for api_id, stage in ((api["id"] + "b", "dev"), (api["id"], "fakestagename")):
        assert_invalid_api_stage(apigateway, plan["id"], "add", api_id, stage)
    assert apigateway.get_usage_plan(usagePlanId=plan["id"])["apiStages"] == []


def assert_invalid_api_stage(apigateway, plan_id, op, api_id, stage):
    """`op` of apiStages `{api_id}:{stage}` on the plan fails with AWS's 404 naming both."""
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_usage_plan(usagePlanId=plan_id, patchOperations=[
            {"op": op, "path": "/apiStages", "value": f"{api_id}:{stage}"},
        ])
    assert status_of(excinfo) == 404
    assert error_of(excinfo) == (
        "NotFoundException", f"Invalid API Stage {{api: {api_id}, stage: {stage}}} specified for usageplan {plan_id}",
    )


def test_removing_an_api_stage_the_plan_does_not_have(apigateway):
    # Recorded on AWS (findings U1) for an unknown API and an unknown stage; a stage that exists but
    # is not in the plan is answered the same way (not recorded).
    api = deployed_api(apigateway)
    apigateway.create_deployment(restApiId=api["id"], stageName="prod")
    plan = apigateway.create_usage_plan(name="p", apiStages=[{"apiId": api["id"], "stage": "dev"}])
    for api_id, stage in ((api["id"] + "b", "dev"), (api["id"], "fakestagename"), (api["id"], "prod")):
        assert_invalid_api_stage(apigateway, plan["id"], "remove", api_id, stage)
    assert apigateway.get_usage_plan(usagePlanId=plan["id"])["apiStages"] == [{"apiId": api["id"], "stage": "dev"}]


def test_update_unknown_usage_plan(apigateway):
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_usage_plan(
            usagePlanId="nope", patchOperations=[{"op": "replace", "path": "/name", "value": "x"}]
        )
    assert error_of(excinfo) == ("NotFoundException", "Invalid Usage Plan ID specified")


def test_delete_usage_plan(apigateway):
    plan = apigateway.create_usage_plan(name="p")
    assert http_status(apigateway.delete_usage_plan(usagePlanId=plan["id"])) == 202
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_usage_plan(usagePlanId=plan["id"])
    assert error_of(excinfo) == ("NotFoundException", "Invalid Usage Plan ID specified")


# --- usage plan keys and usage -------------------------------------------------------------------


def test_usage_plan_keys(apigateway):
    plan = apigateway.create_usage_plan(name="p")
    key = apigateway.create_api_key(name="test-key")
    other = apigateway.create_api_key(name="other-key")
    created = apigateway.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    assert http_status(created) == 201
    assert body_of(created) == {"id": key["id"], "name": "test-key", "type": "API_KEY", "value": key["value"]}
    apigateway.create_usage_plan_key(usagePlanId=plan["id"], keyId=other["id"], keyType="API_KEY")
    assert body_of(apigateway.get_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"])) == body_of(created)
    listed = apigateway.get_usage_plan_keys(usagePlanId=plan["id"])["items"]
    assert sorted(item["name"] for item in listed) == ["other-key", "test-key"]
    assert [
        item["id"] for item in apigateway.get_usage_plan_keys(usagePlanId=plan["id"], nameQuery="test-key")["items"]
    ] == [key["id"]]
    assert apigateway.get_usage_plan_keys(usagePlanId=plan["id"], nameQuery="TEST-key")["items"] == []
    assert [item["id"] for item in apigateway.get_usage_plans(keyId=key["id"])["items"]] == [plan["id"]]
    assert http_status(apigateway.delete_usage_plan_key(usagePlanId=plan["id"], keyId=other["id"])) == 202
    assert [item["id"] for item in apigateway.get_usage_plan_keys(usagePlanId=plan["id"])["items"]] == [key["id"]]
    # Deleting the API key takes it out of the plan.
    apigateway.delete_api_key(apiKey=key["id"])
    assert apigateway.get_usage_plan_keys(usagePlanId=plan["id"])["items"] == []


def test_usage_plan_keys_paginate(apigateway):
    plan = apigateway.create_usage_plan(name="p")
    ids = set()
    for index in range(5):
        key = apigateway.create_api_key(name=f"k{index}")
        apigateway.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
        ids.add(key["id"])
    items, sizes = collect(apigateway.get_usage_plan_keys, 2, usagePlanId=plan["id"])
    assert sizes == [2, 2, 1]
    assert len(items) == 5 and {item["id"] for item in items} == ids


def test_usage_plan_keys_of_unknown_plan_is_an_empty_list(apigateway):
    assert apigateway.get_usage_plan_keys(usagePlanId="bad-id")["items"] == []


def test_get_and_update_usage(apigateway):
    plan = apigateway.create_usage_plan(name="p", quota={"limit": 1000, "period": "DAY"})
    key = apigateway.create_api_key(name="k")
    apigateway.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    today = datetime.datetime.now(datetime.timezone.utc).date()
    start = (today - datetime.timedelta(days=2)).isoformat()
    usage = apigateway.get_usage(usagePlanId=plan["id"], startDate=start, endDate=today.isoformat())
    assert (usage["usagePlanId"], usage["startDate"], usage["endDate"]) == (plan["id"], start, today.isoformat())
    assert usage["items"] == {key["id"]: [[0, 1000], [0, 1000], [0, 1000]]}
    updated = apigateway.update_usage(usagePlanId=plan["id"], keyId=key["id"], patchOperations=[
        {"op": "replace", "path": "/remaining", "value": "500"},
    ])
    assert http_status(updated) == 200
    assert updated["usagePlanId"] == plan["id"]
    after = apigateway.get_usage(
        usagePlanId=plan["id"], keyId=key["id"], startDate=today.isoformat(), endDate=today.isoformat()
    )
    assert after["items"][key["id"]][-1][1] == 500


def test_update_usage_with_unsupported_path(apigateway):
    plan = apigateway.create_usage_plan(name="p", quota={"limit": 10, "period": "DAY"})
    key = apigateway.create_api_key(name="k")
    apigateway.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_usage(usagePlanId=plan["id"], keyId=key["id"], patchOperations=[
            {"op": "add", "path": "/extension", "value": "10"},
        ])
    assert error_of(excinfo) == (
        "BadRequestException", "Invalid patch path  '/extension' specified for op 'add'. Must be one of: []"
    )


# --- domain names and base path mappings ---------------------------------------------------------


def test_edge_domain_name(apigateway):
    domain = apigateway.create_domain_name(domainName="api.example.com", certificateArn=CERT_ARN)
    assert http_status(domain) == 201
    assert domain["domainName"] == "api.example.com"
    assert domain["certificateArn"] == CERT_ARN
    assert re.fullmatch(r"[a-z0-9]+\.cloudfront\.net", domain["distributionDomainName"])
    assert domain["distributionHostedZoneId"] == "Z2FDTNDATAQYW2"
    assert domain["endpointConfiguration"]["types"] == ["EDGE"]
    assert domain["domainNameStatus"] == "AVAILABLE"
    assert "regionalDomainName" not in domain
    fetched = apigateway.get_domain_name(domainName="api.example.com")
    assert fetched["distributionDomainName"] == domain["distributionDomainName"]


def test_regional_domain_name(apigateway):
    domain = apigateway.create_domain_name(
        domainName="regional.example.com",
        regionalCertificateArn=CERT_ARN,
        endpointConfiguration={"types": ["REGIONAL"]},
        securityPolicy="TLS_1_2",
    )
    assert domain["regionalCertificateArn"] == CERT_ARN
    assert re.fullmatch(rf"d-[a-z0-9]+\.execute-api\.{REGION}\.amazonaws\.com", domain["regionalDomainName"])
    assert domain["regionalHostedZoneId"] == "Z1UJRXOUMOOFQ8"
    assert domain["endpointConfiguration"]["types"] == ["REGIONAL"]
    assert domain["securityPolicy"] == "TLS_1_2"
    assert "distributionDomainName" not in domain


def test_domain_names_list_update_delete(apigateway):
    names = {f"d{index}.example.com" for index in range(3)}
    for name in names:
        apigateway.create_domain_name(domainName=name, certificateArn=CERT_ARN)
    items, sizes = collect(apigateway.get_domain_names, 2)
    assert sizes == [2, 1]
    assert {item["domainName"] for item in items} == names
    other_cert = CERT_ARN.replace("5555", "6666")
    updated = apigateway.update_domain_name(domainName="d0.example.com", patchOperations=[
        {"op": "replace", "path": "/certificateArn", "value": other_cert},
    ])
    assert http_status(updated) == 200
    assert updated["certificateArn"] == other_cert
    assert http_status(apigateway.delete_domain_name(domainName="d0.example.com")) == 202
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_domain_name(domainName="d0.example.com")
    assert status_of(excinfo) == 404
    assert error_of(excinfo)[0] == "NotFoundException"


def test_empty_domain_name_is_rejected(apigateway):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_domain_name(domainName="", certificateArn=CERT_ARN)
    assert status_of(excinfo) == 400
    assert error_of(excinfo)[0] == "BadRequestException"


def test_base_path_mappings(apigateway):
    api = deployed_api(apigateway)
    apigateway.create_deployment(restApiId=api["id"], stageName="prod")
    apigateway.create_domain_name(domainName="api.example.com", certificateArn=CERT_ARN)
    root = apigateway.create_base_path_mapping(domainName="api.example.com", restApiId=api["id"], stage="dev")
    assert http_status(root) == 201
    assert body_of(root) == {"basePath": "(none)", "restApiId": api["id"], "stage": "dev"}
    v1 = apigateway.create_base_path_mapping(
        domainName="api.example.com", basePath="v1", restApiId=api["id"], stage="prod"
    )
    assert body_of(v1) == {"basePath": "v1", "restApiId": api["id"], "stage": "prod"}
    assert body_of(apigateway.get_base_path_mapping(domainName="api.example.com", basePath="(none)")) == body_of(root)
    listed = apigateway.get_base_path_mappings(domainName="api.example.com")["items"]
    assert sorted(item["basePath"] for item in listed) == ["(none)", "v1"]
    updated = apigateway.update_base_path_mapping(domainName="api.example.com", basePath="v1", patchOperations=[
        {"op": "replace", "path": "/stage", "value": "dev"},
        {"op": "replace", "path": "/basePath", "value": "v2"},
    ])
    assert body_of(updated) == {"basePath": "v2", "restApiId": api["id"], "stage": "dev"}
    assert http_status(apigateway.delete_base_path_mapping(domainName="api.example.com", basePath="(none)")) == 202
    listed = apigateway.get_base_path_mappings(domainName="api.example.com")["items"]
    assert [item["basePath"] for item in listed] == ["v2"]
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_base_path_mapping(domainName="api.example.com", basePath="v1")
    assert status_of(excinfo) == 404


# --- VPC links -----------------------------------------------------------------------------------


def test_vpc_link_is_pending_then_available(apigateway):
    link = apigateway.create_vpc_link(name="link", targetArns=[NLB_ARN])
    assert http_status(link) == 202
    assert body_of(link) == {"id": link["id"], "name": "link", "status": "PENDING", "targetArns": [NLB_ARN]}
    fetched = apigateway.get_vpc_link(vpcLinkId=link["id"])
    assert body_of(fetched) == {
        "id": link["id"], "name": "link", "status": "AVAILABLE", "statusMessage": "Your vpc link is ready for use",
        "tags": {}, "targetArns": [NLB_ARN],
    }
    listed = apigateway.get_vpc_links()["items"]
    assert listed == [{
        "id": link["id"], "name": "link", "status": "AVAILABLE", "statusMessage": "Your vpc link is ready for use",
        "targetArns": [NLB_ARN],
    }]


def test_vpc_links_paginate_update_delete(apigateway):
    ids = {apigateway.create_vpc_link(name=f"l{index}", targetArns=[NLB_ARN])["id"] for index in range(3)}
    items, sizes = collect(apigateway.get_vpc_links, 2)
    assert sizes == [2, 1]
    assert {item["id"] for item in items} == ids
    some = sorted(ids)[0]
    updated = apigateway.update_vpc_link(vpcLinkId=some, patchOperations=[
        {"op": "replace", "path": "/name", "value": "renamed"},
        {"op": "replace", "path": "/description", "value": "described"},
    ])
    assert http_status(updated) == 200
    assert (updated["name"], updated["description"], updated["tags"]) == ("renamed", "described", {})
    assert http_status(apigateway.delete_vpc_link(vpcLinkId=some)) == 202
    for call in (
        lambda: apigateway.get_vpc_link(vpcLinkId=some),
        lambda: apigateway.delete_vpc_link(vpcLinkId=some),
        lambda: apigateway.update_vpc_link(
            vpcLinkId=some, patchOperations=[{"op": "replace", "path": "/name", "value": "x"}]
        ),
    ):
        with pytest.raises(ClientError) as excinfo:
            call()
        assert status_of(excinfo) == 404
        assert error_of(excinfo) == ("NotFoundException", "Invalid Vpc Link identifier specified")


@pytest.mark.parametrize(
    "arguments,message",
    [
        ({"name": "l", "targetArns": ["invalid-arn"]}, "Invalid ARN. ARN is not well formed invalid-arn"),
        ({"name": "", "targetArns": [NLB_ARN]}, "Name cannot be empty"),
    ],
)
def test_create_vpc_link_errors(apigateway, arguments, message):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_vpc_link(**arguments)
    assert error_of(excinfo) == ("BadRequestException", message)
    assert apigateway.get_vpc_links()["items"] == []


# --- client certificates -------------------------------------------------------------------------


def decoded_certificate(pem):
    """The certificate's fields as Python's ssl module reads them from the PEM."""
    with tempfile.NamedTemporaryFile("w", suffix=".pem", delete=False) as file:
        file.write(pem)
    try:
        return ssl._ssl._test_decode_cert(file.name)
    finally:
        os.unlink(file.name)


def test_generate_client_certificate_returns_a_loadable_pem(apigateway):
    certificate = apigateway.generate_client_certificate(description="backend auth")
    assert http_status(certificate) == 201
    assert certificate["description"] == "backend auth"
    assert len(certificate["clientCertificateId"]) == 10
    pem = certificate["pemEncodedCertificate"]
    assert pem.startswith("-----BEGIN CERTIFICATE-----")
    assert pem.rstrip().endswith("-----END CERTIFICATE-----")
    der = ssl.PEM_cert_to_DER_cert(pem)
    assert der[0] == 0x30  # an ASN.1 SEQUENCE
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(cadata=pem)
    assert context.cert_store_stats()["x509"] == 1
    fields = decoded_certificate(pem)
    not_before = datetime.datetime.fromtimestamp(ssl.cert_time_to_seconds(fields["notBefore"]), datetime.timezone.utc)
    not_after = datetime.datetime.fromtimestamp(ssl.cert_time_to_seconds(fields["notAfter"]), datetime.timezone.utc)
    assert not_before < not_after
    assert certificate["createdDate"] < certificate["expirationDate"]
    assert abs((certificate["expirationDate"] - not_after).total_seconds()) < 86400


def test_client_certificates_list_update_delete(apigateway):
    ids = {apigateway.generate_client_certificate(description=f"c{index}")["clientCertificateId"] for index in range(3)}
    items, sizes = collect(apigateway.get_client_certificates, 2)
    assert sizes == [2, 1]
    assert {item["clientCertificateId"] for item in items} == ids
    some = sorted(ids)[0]
    fetched = apigateway.get_client_certificate(clientCertificateId=some)
    assert fetched["pemEncodedCertificate"].startswith("-----BEGIN CERTIFICATE-----")
    updated = apigateway.update_client_certificate(clientCertificateId=some, patchOperations=[
        {"op": "replace", "path": "/description", "value": "rotated"},
    ])
    assert updated["description"] == "rotated"
    assert updated["pemEncodedCertificate"] == fetched["pemEncodedCertificate"]
    assert http_status(apigateway.delete_client_certificate(clientCertificateId=some)) == 202
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_client_certificate(clientCertificateId=some)
    assert status_of(excinfo) == 404
    assert error_of(excinfo)[0] == "NotFoundException"


def test_stage_can_use_a_client_certificate(apigateway):
    api = deployed_api(apigateway)
    certificate = apigateway.generate_client_certificate()
    stage = apigateway.update_stage(restApiId=api["id"], stageName="dev", patchOperations=[
        {"op": "replace", "path": "/clientCertificateId", "value": certificate["clientCertificateId"]},
    ])
    assert stage["clientCertificateId"] == certificate["clientCertificateId"]


# --- documentation parts and versions ------------------------------------------------------------


@pytest.fixture
def api(apigateway):
    return apigateway.create_rest_api(name="documented")


def test_documentation_part_crud(apigateway, api):
    created = apigateway.create_documentation_part(
        restApiId=api["id"], location={"type": "API"}, properties='{"description": "the API"}',
    )
    assert http_status(created) == 201
    assert body_of(created) == {
        "id": created["id"],
        "location": {"type": "API"},
        "properties": '{"description": "the API"}',
    }
    assert body_of(
        apigateway.get_documentation_part(restApiId=api["id"], documentationPartId=created["id"])
    ) == body_of(created)
    updated = apigateway.update_documentation_part(
        restApiId=api["id"],
        documentationPartId=created["id"],
        patchOperations=[{"op": "replace", "path": "/properties", "value": '{"description": "changed"}'}],
    )
    assert http_status(updated) == 200
    assert json.loads(updated["properties"]) == {"description": "changed"}
    assert (
        http_status(apigateway.delete_documentation_part(restApiId=api["id"], documentationPartId=created["id"])) == 202
    )
    for call in (apigateway.get_documentation_part, apigateway.delete_documentation_part):
        with pytest.raises(ClientError) as excinfo:
            call(restApiId=api["id"], documentationPartId=created["id"])
        assert error_of(excinfo) == ("NotFoundException", "Invalid Documentation part identifier specified")


def test_documentation_part_locations(apigateway, api):
    method = apigateway.create_documentation_part(
        restApiId=api["id"], location={"type": "METHOD", "path": "/", "method": "GET"},
        properties='{"description": "Method description."}',
    )
    assert method["location"] == {"type": "METHOD", "path": "/", "method": "GET"}
    response = apigateway.create_documentation_part(
        restApiId=api["id"], location={"type": "RESPONSE", "path": "/", "method": "GET", "statusCode": "200"},
        properties='{"description": "200 response"}',
    )
    assert response["location"] == {"type": "RESPONSE", "path": "/", "method": "GET", "statusCode": "200"}
    model = apigateway.create_documentation_part(
        restApiId=api["id"], location={"type": "MODEL", "name": "Pet"}, properties='{"title": "Pet Schema"}',
    )
    assert model["location"] == {"type": "MODEL", "name": "Pet"}
    methods = apigateway.get_documentation_parts(restApiId=api["id"], type="METHOD")["items"]
    assert [item["id"] for item in methods] == [method["id"]]


def test_documentation_parts_paginate(apigateway, api):
    ids = {
        apigateway.create_documentation_part(
            restApiId=api["id"], location={"type": "MODEL", "name": f"M{index}"}, properties='{"title": "t"}',
        )["id"]
        for index in range(5)
    }
    items, sizes = collect(apigateway.get_documentation_parts, 2, restApiId=api["id"])
    assert sizes == [2, 2, 1]
    assert len(items) == 5 and {item["id"] for item in items} == ids


def test_documentation_part_errors(apigateway, api):
    part = apigateway.create_documentation_part(restApiId=api["id"], location={"type": "API"}, properties='{"a": 1}')
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_documentation_part(
            restApiId="test-fake-rest-id", location={"type": "API"}, properties='{"a": 1}'
        )
    assert error_of(excinfo) == ("NotFoundException", f"Invalid API identifier specified {ACCOUNT}:test-fake-rest-id")
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_documentation_parts(restApiId="test-fake-rest-id")
    assert error_of(excinfo) == ("NotFoundException", f"Invalid API identifier specified {ACCOUNT}:test-fake-rest-id")
    for rest_api_id, part_id in (("test-fake-rest-id", part["id"]), (api["id"], "nope")):
        with pytest.raises(ClientError) as excinfo:
            apigateway.get_documentation_part(restApiId=rest_api_id, documentationPartId=part_id)
        assert error_of(excinfo) == ("NotFoundException", "Invalid Documentation part identifier specified")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_documentation_part(restApiId="api_id", documentationPartId=part["id"], patchOperations=[
            {"op": "replace", "path": "/properties", "value": '{"b": 2}'},
        ])
    assert error_of(excinfo) == ("NotFoundException", "Invalid Documentation part identifier specified")
    with pytest.raises(ClientError) as excinfo:
        apigateway.delete_documentation_part(restApiId="api_id", documentationPartId=part["id"])
    assert error_of(excinfo) == ("NotFoundException", f"Invalid API identifier specified {ACCOUNT}:api_id")
    for operation, message in (
        ({"op": "add", "path": "/properties", "value": "{}"},
         "Invalid patch path  '/properties' specified for op 'add'. Please choose supported operations"),
        ({"op": "replace", "path": "/invalidPath", "value": "x"},
         "Invalid patch path  '/invalidPath' specified for op 'replace'. Must be one of: [/properties]"),
    ):
        with pytest.raises(ClientError) as excinfo:
            apigateway.update_documentation_part(
                restApiId=api["id"], documentationPartId=part["id"], patchOperations=[operation]
            )
        assert error_of(excinfo) == ("BadRequestException", message)
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_documentation_part(restApiId=api["id"], location={"type": "INVALID"}, properties='{"a": 1}')
    assert error_of(excinfo) == (
        "ValidationException",
        "1 validation error detected: Value 'INVALID' at 'createDocumentationPartInput.location.type' failed to satisfy "
        f"constraint: Member must satisfy enum value set: {DOC_TYPES}",
    )


def test_import_documentation_parts(apigateway, api):
    apigateway.create_documentation_part(
        restApiId=api["id"], location={"type": "MODEL", "name": "Old"}, properties='{"a": 1}'
    )
    document = {
        "swagger": "2.0",
        "info": {"title": "documented", "version": "1"},
        "paths": {},
        "x-amazon-apigateway-documentation": {
            "version": "1",
            "documentationParts": [
                {"location": {"type": "API"}, "properties": {"description": "API description"}},
                {
                    "location": {"type": "METHOD", "path": "/", "method": "GET"},
                    "properties": {"description": "Method description."},
                },
            ],
        },
    }
    imported = apigateway.import_documentation_parts(
        restApiId=api["id"], mode="overwrite", body=json.dumps(document).encode()
    )
    assert http_status(imported) == 200
    assert len(imported["ids"]) == 2
    # AWS leaves the key out when there are no warnings (findings D1).
    assert "warnings" not in body_of(imported)
    parts = {part["id"]: part for part in apigateway.get_documentation_parts(restApiId=api["id"])["items"]}
    assert set(parts) == set(imported["ids"])
    by_type = {part["location"]["type"]: part for part in parts.values()}
    assert json.loads(by_type["API"]["properties"]) == {"description": "API description"}
    assert by_type["METHOD"]["location"] == {"type": "METHOD", "path": "/", "method": "GET"}


def test_import_documentation_parts_bad_body(apigateway, api):
    with pytest.raises(ClientError) as excinfo:
        apigateway.import_documentation_parts(restApiId=api["id"], mode="overwrite", body=b"{not json")
    assert error_of(excinfo) == ("BadRequestException", "Unable to build importer with provided input.")


def test_documentation_versions(apigateway, api):
    created = apigateway.create_documentation_version(restApiId=api["id"], documentationVersion="v123")
    assert http_status(created) == 201
    assert set(body_of(created)) == {"createdDate", "version"}
    assert created["version"] == "v123"
    updated = apigateway.update_documentation_version(
        restApiId=api["id"],
        documentationVersion="v123",
        patchOperations=[{"op": "replace", "path": "/description", "value": "doc version new"}],
    )
    assert body_of(updated) == {
        "createdDate": created["createdDate"],
        "description": "doc version new",
        "version": "v123",
    }
    assert body_of(apigateway.get_documentation_version(restApiId=api["id"], documentationVersion="v123")) == body_of(
        updated
    )
    for index in range(4):
        apigateway.create_documentation_version(restApiId=api["id"], documentationVersion=f"v{index}")
    items, sizes = collect(apigateway.get_documentation_versions, 2, restApiId=api["id"])
    assert sizes == [2, 2, 1]
    assert sorted(item["version"] for item in items) == ["v0", "v1", "v123", "v2", "v3"]
    assert http_status(apigateway.delete_documentation_version(restApiId=api["id"], documentationVersion="v123")) == 202
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_documentation_version(restApiId=api["id"], documentationVersion="v123")
    assert status_of(excinfo) == 404


# --- account -------------------------------------------------------------------------------------


def test_account_defaults_and_cloudwatch_role(apigateway):
    account = apigateway.get_account()
    assert account["throttleSettings"] == {"burstLimit": 5000, "rateLimit": 10000.0}
    assert "cloudwatchRoleArn" not in account
    role = f"arn:aws:iam::{ACCOUNT}:role/apigw-cloudwatch"
    updated = apigateway.update_account(
        patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn", "value": role}]
    )
    assert http_status(updated) == 200
    assert updated["cloudwatchRoleArn"] == role
    assert apigateway.get_account()["cloudwatchRoleArn"] == role
    cleared = apigateway.update_account(patchOperations=[{"op": "replace", "path": "/cloudwatchRoleArn", "value": ""}])
    assert "cloudwatchRoleArn" not in cleared
    assert "cloudwatchRoleArn" not in apigateway.get_account()


# --- tags ----------------------------------------------------------------------------------------


def test_tags_on_a_rest_api(apigateway):
    api = apigateway.create_rest_api(name="tagged", tags={"team": "a"})
    arn = f"arn:aws:apigateway:{REGION}::/restapis/{api['id']}"
    assert apigateway.get_tags(resourceArn=arn)["tags"] == {"team": "a"}
    tagged = apigateway.tag_resource(resourceArn=arn, tags={"env": "test", "team": "b"})
    assert http_status(tagged) == 204
    assert apigateway.get_tags(resourceArn=arn)["tags"] == {"team": "b", "env": "test"}
    assert apigateway.get_rest_api(restApiId=api["id"])["tags"] == {"team": "b", "env": "test"}
    assert http_status(apigateway.untag_resource(resourceArn=arn, tagKeys=["team"])) == 204
    assert apigateway.get_tags(resourceArn=arn)["tags"] == {"env": "test"}


def test_tags_on_stage_api_key_and_usage_plan(apigateway):
    api = deployed_api(apigateway)
    key = apigateway.create_api_key(name="k")
    plan = apigateway.create_usage_plan(name="p")
    arns = [
        f"arn:aws:apigateway:{REGION}::/restapis/{api['id']}/stages/dev",
        f"arn:aws:apigateway:{REGION}::/apikeys/{key['id']}",
        f"arn:aws:apigateway:{REGION}::/usageplans/{plan['id']}",
    ]
    for arn in arns:
        assert apigateway.get_tags(resourceArn=arn)["tags"] == {}, arn
        apigateway.tag_resource(resourceArn=arn, tags={"owner": "me"})
        assert apigateway.get_tags(resourceArn=arn)["tags"] == {"owner": "me"}, arn
    assert apigateway.get_stage(restApiId=api["id"], stageName="dev")["tags"] == {"owner": "me"}
    assert apigateway.get_api_key(apiKey=key["id"])["tags"] == {"owner": "me"}
    assert apigateway.get_usage_plan(usagePlanId=plan["id"])["tags"] == {"owner": "me"}
    for arn in arns:
        apigateway.untag_resource(resourceArn=arn, tagKeys=["owner"])
        assert apigateway.get_tags(resourceArn=arn)["tags"] == {}, arn


def test_tags_of_unknown_resource(apigateway):
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_tags(resourceArn=f"arn:aws:apigateway:{REGION}::/restapis/nope")
    assert status_of(excinfo) == 404
    assert error_of(excinfo)[0] == "NotFoundException"


# --- unknown patch ops ---------------------------------------------------------------------------


def test_unknown_patch_ops_are_validation_errors_everywhere(apigateway):
    api = deployed_api(apigateway)
    key = apigateway.create_api_key(name="k")
    plan = apigateway.create_usage_plan(name="p", quota={"limit": 10, "period": "DAY"})
    apigateway.create_usage_plan_key(usagePlanId=plan["id"], keyId=key["id"], keyType="API_KEY")
    link = apigateway.create_vpc_link(name="l", targetArns=[NLB_ARN])
    certificate = apigateway.generate_client_certificate()
    part = apigateway.create_documentation_part(restApiId=api["id"], location={"type": "API"}, properties='{"a": 1}')
    apigateway.create_documentation_version(restApiId=api["id"], documentationVersion="v1")
    apigateway.create_domain_name(domainName="api.example.com", certificateArn=CERT_ARN)
    apigateway.create_base_path_mapping(domainName="api.example.com", restApiId=api["id"], stage="dev")
    calls = {
        "updateUsagePlanInput": lambda ops: apigateway.update_usage_plan(usagePlanId=plan["id"], patchOperations=ops),
        "updateUsageInput": lambda ops: apigateway.update_usage(
            usagePlanId=plan["id"], keyId=key["id"], patchOperations=ops
        ),
        "updateVpcLinkInput": lambda ops: apigateway.update_vpc_link(vpcLinkId=link["id"], patchOperations=ops),
        "updateClientCertificateInput": lambda ops: apigateway.update_client_certificate(
            clientCertificateId=certificate["clientCertificateId"], patchOperations=ops
        ),
        "updateDocumentationPartInput": lambda ops: apigateway.update_documentation_part(
            restApiId=api["id"], documentationPartId=part["id"], patchOperations=ops
        ),
        "updateDocumentationVersionInput": lambda ops: apigateway.update_documentation_version(
            restApiId=api["id"], documentationVersion="v1", patchOperations=ops
        ),
        "updateDomainNameInput": lambda ops: apigateway.update_domain_name(
            domainName="api.example.com", patchOperations=ops
        ),
        "updateBasePathMappingInput": lambda ops: apigateway.update_base_path_mapping(
            domainName="api.example.com", basePath="(none)", patchOperations=ops
        ),
        "updateAccountInput": lambda ops: apigateway.update_account(patchOperations=ops),
    }
    for input_name, call in calls.items():
        with pytest.raises(ClientError) as excinfo:
            call(
                [
                    {"op": "replace", "path": "/description", "value": "x"},
                    {"op": "wrong", "path": "/description", "value": "y"},
                ]
            )
        assert status_of(excinfo) == 400, input_name
        assert error_of(excinfo) == (
            "ValidationException",
            f"1 validation error detected: Value 'wrong' at '{input_name}.patchOperations.2.member.op' failed to "
            f"satisfy constraint: Member must satisfy enum value set: {OP_ENUM}",
        ), input_name


def test_an_api_key_value_is_unique(apigateway):
    value = "a" * 30
    first = apigateway.create_api_key(name="first", value=value)
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_api_key(name="second", value=value)
    assert status_of(excinfo) == 409
    assert error_of(excinfo) == ("ConflictException", "API Key already exists")
    assert [key["id"] for key in apigateway.get_api_keys()["items"]] == [first["id"]]


def test_an_edge_domain_name_needs_a_certificate(apigateway):
    with pytest.raises(ClientError) as excinfo:
        apigateway.create_domain_name(domainName="edge.example.com")
    assert status_of(excinfo) == 400
    assert error_of(excinfo) == ("BadRequestException", "A certificate was not provided for the endpoint type EDGE.")
