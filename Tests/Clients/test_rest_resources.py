"""REST API resources (the path tree), UpdateRestApi's patch operations and the default models,
through boto3, as AWS API Gateway answers them."""

import json

import pytest
from botocore.exceptions import ClientError
from aws_answers import ACCOUNT, OP_ENUM, error_of, status_of


def bad_op_message(input_name, *indexes, value="wrong"):
    errors = [
        f"Value '{value}' at '{input_name}.patchOperations.{index}.member.op' failed to satisfy constraint: "
        f"Member must satisfy enum value set: {OP_ENUM}"
        for index in indexes
    ]
    noun = "error" if len(errors) == 1 else "errors"
    return f"{len(errors)} validation {noun} detected: " + "; ".join(errors)


@pytest.fixture
def api(apigateway):
    return apigateway.create_rest_api(name="tree")


def add(apigateway, api, parent_id, path_part):
    return apigateway.create_resource(restApiId=api["id"], parentId=parent_id, pathPart=path_part)


def paths_by_id(apigateway, api):
    items = apigateway.get_resources(restApiId=api["id"], limit=500)["items"]
    return {item["id"]: item["path"] for item in items}


# --- create and read ---------------------------------------------------------------------------


def test_create_resource_answers_201_with_id_parent_path_and_path_part(apigateway, api):
    pets = add(apigateway, api, api["rootResourceId"], "pets")
    assert pets["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert len(pets["id"]) == 10
    assert {key: pets[key] for key in ("parentId", "path", "pathPart")} == {
        "parentId": api["rootResourceId"], "path": "/pets", "pathPart": "pets",
    }
    assert "resourceMethods" not in pets
    fetched = apigateway.get_resource(restApiId=api["id"], resourceId=pets["id"])
    fetched.pop("ResponseMetadata")
    assert fetched == {"id": pets["id"], "parentId": api["rootResourceId"], "path": "/pets", "pathPart": "pets"}


def test_nested_resources_have_full_paths(apigateway, api):
    pets = add(apigateway, api, api["rootResourceId"], "pets")
    pet = add(apigateway, api, pets["id"], "{petId}")
    toys = add(apigateway, api, pet["id"], "toys")
    assert pet["path"] == "/pets/{petId}"
    assert toys["path"] == "/pets/{petId}/toys"
    assert toys["parentId"] == pet["id"]
    assert sorted(paths_by_id(apigateway, api).values()) == ["/", "/pets", "/pets/{petId}", "/pets/{petId}/toys"]


def test_create_resource_under_unknown_parent_is_404(apigateway, api):
    with pytest.raises(ClientError) as excinfo:
        add(apigateway, api, "fake-resource-id", "pets")
    assert status_of(excinfo) == 404
    assert error_of(excinfo) == ("NotFoundException", "Invalid Resource identifier specified")


def test_get_resource_of_unknown_id_is_404(apigateway, api):
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_resource(restApiId=api["id"], resourceId="nope")
    assert error_of(excinfo) == ("NotFoundException", "Invalid Resource identifier specified")


# --- path-part rules -----------------------------------------------------------------------------


def test_duplicate_sibling_is_409(apigateway, api):
    add(apigateway, api, api["rootResourceId"], "pets")
    with pytest.raises(ClientError) as excinfo:
        add(apigateway, api, api["rootResourceId"], "pets")
    assert status_of(excinfo) == 409
    assert error_of(excinfo) == (
        "ConflictException",
        "Another resource with the same parent already has this name: pets",
    )
    assert sorted(paths_by_id(apigateway, api).values()) == ["/", "/pets"]


def test_same_name_under_different_parents_is_allowed(apigateway, api):
    a = add(apigateway, api, api["rootResourceId"], "a")
    b = add(apigateway, api, api["rootResourceId"], "b")
    assert add(apigateway, api, a["id"], "items")["path"] == "/a/items"
    assert add(apigateway, api, b["id"], "items")["path"] == "/b/items"


@pytest.mark.parametrize("first,second", [("{id}", "{name}"), ("{proxy+}", "{dynamic}"), ("{id}", "{rest+}")])
def test_only_one_variable_sibling_is_allowed(apigateway, api, first, second):
    add(apigateway, api, api["rootResourceId"], first)
    with pytest.raises(ClientError) as excinfo:
        add(apigateway, api, api["rootResourceId"], second)
    assert status_of(excinfo) == 400
    assert error_of(excinfo) == (
        "BadRequestException",
        f"A sibling ({first}) of this resource already has a variable path part -- only one is allowed",
    )


@pytest.mark.parametrize("child", ["child", "{child}", "{more+}"])
def test_greedy_variable_must_be_a_leaf(apigateway, api, child):
    proxy = add(apigateway, api, api["rootResourceId"], "{proxy+}")
    with pytest.raises(ClientError) as excinfo:
        add(apigateway, api, proxy["id"], child)
    assert error_of(excinfo) == (
        "BadRequestException", "Cannot create a child of a resource with a greedy path variable: {proxy+}"
    )


def test_proxy_coexists_with_static_siblings_and_variable_parents(apigateway, api):
    root = api["rootResourceId"]
    add(apigateway, api, root, "{proxy+}")
    parent = add(apigateway, api, root, "parent")
    proxy = add(apigateway, api, parent["id"], "{proxy+}")
    add(apigateway, api, parent["id"], "child")
    other = add(apigateway, api, root, "other")
    variable = add(apigateway, api, other["id"], "{item}")
    assert add(apigateway, api, variable["id"], "{rest+}")["path"] == "/other/{item}/{rest+}"
    assert add(apigateway, api, other["id"], "static")["path"] == "/other/static"
    # Once the greedy sibling is gone, a plain variable may take its place.
    apigateway.delete_resource(restApiId=api["id"], resourceId=proxy["id"])
    assert add(apigateway, api, parent["id"], "{child}")["path"] == "/parent/{child}"
    assert sorted(paths_by_id(apigateway, api).values()) == [
        "/", "/other", "/other/static", "/other/{item}", "/other/{item}/{rest+}", "/parent", "/parent/child",
        "/parent/{child}", "/{proxy+}",
    ]


@pytest.mark.parametrize("path_part", ["a b", "a/b", "{unclosed", "pets}", "{}", "we{ird}", "é"])
def test_invalid_path_parts_are_rejected(apigateway, api, path_part):
    with pytest.raises(ClientError) as excinfo:
        add(apigateway, api, api["rootResourceId"], path_part)
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    # AWS's recorded wording; newer AWS answers append a clause about the greedy '+'.
    assert message.startswith(
        "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end"
    ), message
    assert sorted(paths_by_id(apigateway, api).values()) == ["/"]


@pytest.mark.parametrize("path_part", ["v1.0", "under_score", "dash-ed", "{id}", "{proxy+}", "events:batch"])
def test_valid_path_parts_are_accepted(apigateway, api, path_part):
    assert add(apigateway, api, api["rootResourceId"], path_part)["path"] == "/" + path_part


# --- listing and pagination ----------------------------------------------------------------------


def test_get_resources_paginates_with_limit_and_position(apigateway, api):
    root = api["rootResourceId"]
    created = {add(apigateway, api, root, f"r{index:02d}")["id"] for index in range(11)}
    expected = created | {root}
    first = apigateway.get_resources(restApiId=api["id"], limit=5)
    assert len(first["items"]) == 5
    assert "position" in first
    seen = [item["id"] for item in first["items"]]
    position = first["position"]
    pages = 1
    while position:
        page = apigateway.get_resources(restApiId=api["id"], limit=5, position=position)
        # The same position gives the same page again.
        again = apigateway.get_resources(restApiId=api["id"], limit=5, position=position)
        assert [item["id"] for item in again["items"]] == [item["id"] for item in page["items"]]
        seen += [item["id"] for item in page["items"]]
        position = page.get("position")
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 12
    assert set(seen) == expected


def test_get_resources_paginator_visits_every_resource_once(apigateway, api):
    root = api["rootResourceId"]
    for index in range(7):
        add(apigateway, api, root, f"p{index}")
    pages = list(apigateway.get_paginator("get_resources").paginate(
        restApiId=api["id"], PaginationConfig={"PageSize": 3}
    ))
    assert [len(page["items"]) for page in pages] == [3, 3, 2]
    assert "position" not in pages[-1]
    paths = [item["path"] for page in pages for item in page["items"]]
    assert sorted(paths) == ["/"] + [f"/p{index}" for index in range(7)]


def test_get_resources_default_page_is_25(apigateway, api):
    root = api["rootResourceId"]
    for index in range(30):
        add(apigateway, api, root, f"r{index}")
    listed = apigateway.get_resources(restApiId=api["id"])
    assert len(listed["items"]) == 25
    assert "position" in listed


def test_get_resources_of_unknown_api_is_404(apigateway):
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_resources(restApiId="nope")
    assert error_of(excinfo) == ("NotFoundException", f"Invalid API identifier specified {ACCOUNT}:nope")


# --- embed=methods -------------------------------------------------------------------------------


def with_mock_get(apigateway, api, resource_id):
    apigateway.put_method(restApiId=api["id"], resourceId=resource_id, httpMethod="GET", authorizationType="NONE")
    apigateway.put_integration(
        restApiId=api["id"], resourceId=resource_id, httpMethod="GET", type="MOCK",
        requestTemplates={"application/json": '{"statusCode": 200}'},
    )


def test_get_resources_lists_method_names_without_embed(apigateway, api):
    pets = add(apigateway, api, api["rootResourceId"], "pets")
    with_mock_get(apigateway, api, pets["id"])
    apigateway.put_method(restApiId=api["id"], resourceId=pets["id"], httpMethod="OPTIONS", authorizationType="NONE")
    items = {item["path"]: item for item in apigateway.get_resources(restApiId=api["id"])["items"]}
    assert items["/pets"]["resourceMethods"] == {"GET": {}, "OPTIONS": {}}
    assert "resourceMethods" not in items["/"]


def test_get_resources_embed_methods_includes_method_bodies(apigateway, api):
    pets = add(apigateway, api, api["rootResourceId"], "pets")
    with_mock_get(apigateway, api, pets["id"])
    items = {
        item["path"]: item for item in apigateway.get_resources(restApiId=api["id"], embed=["methods"])["items"]
    }
    get = items["/pets"]["resourceMethods"]["GET"]
    assert get["httpMethod"] == "GET"
    assert get["authorizationType"] == "NONE"
    assert get["apiKeyRequired"] is False
    assert get["methodIntegration"]["type"] == "MOCK"
    assert get["methodIntegration"]["requestTemplates"] == {"application/json": '{"statusCode": 200}'}
    assert "resourceMethods" not in items["/"]


def test_get_resource_embed_methods(apigateway, api):
    pets = add(apigateway, api, api["rootResourceId"], "pets")
    with_mock_get(apigateway, api, pets["id"])
    plain = apigateway.get_resource(restApiId=api["id"], resourceId=pets["id"])
    assert plain["resourceMethods"] == {"GET": {}}
    embedded = apigateway.get_resource(restApiId=api["id"], resourceId=pets["id"], embed=["methods"])
    assert embedded["resourceMethods"]["GET"]["httpMethod"] == "GET"
    assert embedded["resourceMethods"]["GET"]["methodIntegration"]["type"] == "MOCK"


# --- update: rename and move ---------------------------------------------------------------------


def test_rename_recomputes_paths_of_descendants(apigateway, api):
    pets = add(apigateway, api, api["rootResourceId"], "pets")
    pet = add(apigateway, api, pets["id"], "{petId}")
    toys = add(apigateway, api, pet["id"], "toys")
    renamed = apigateway.update_resource(
        restApiId=api["id"], resourceId=pets["id"],
        patchOperations=[{"op": "replace", "path": "/pathPart", "value": "animals"}],
    )
    assert renamed["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert (renamed["id"], renamed["path"], renamed["pathPart"], renamed["parentId"]) == (
        pets["id"], "/animals", "animals", api["rootResourceId"]
    )
    paths = paths_by_id(apigateway, api)
    assert paths[pet["id"]] == "/animals/{petId}"
    assert paths[toys["id"]] == "/animals/{petId}/toys"


def test_move_with_replace_parent_id_recomputes_paths(apigateway, api):
    root = api["rootResourceId"]
    a = add(apigateway, api, root, "a")
    b = add(apigateway, api, root, "b")
    child = add(apigateway, api, a["id"], "child")
    grandchild = add(apigateway, api, child["id"], "{leaf}")
    moved = apigateway.update_resource(
        restApiId=api["id"], resourceId=child["id"],
        patchOperations=[{"op": "replace", "path": "/parentId", "value": b["id"]}],
    )
    assert (moved["parentId"], moved["path"], moved["pathPart"]) == (b["id"], "/b/child", "child")
    paths = paths_by_id(apigateway, api)
    assert paths[grandchild["id"]] == "/b/child/{leaf}"
    assert apigateway.get_resource(restApiId=api["id"], resourceId=grandchild["id"])["path"] == "/b/child/{leaf}"


def test_move_and_rename_in_one_update(apigateway, api):
    root = api["rootResourceId"]
    a = add(apigateway, api, root, "a")
    child = add(apigateway, api, a["id"], "child")
    updated = apigateway.update_resource(
        restApiId=api["id"], resourceId=child["id"],
        patchOperations=[
            {"op": "replace", "path": "/parentId", "value": root},
            {"op": "replace", "path": "/pathPart", "value": "top"},
        ],
    )
    assert (updated["parentId"], updated["path"]) == (root, "/top")


def test_move_onto_an_existing_name_is_409(apigateway, api):
    root = api["rootResourceId"]
    pets = add(apigateway, api, root, "pets")
    sub = add(apigateway, api, pets["id"], "subpets")
    inner = add(apigateway, api, sub["id"], "pets")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_resource(
            restApiId=api["id"], resourceId=inner["id"],
            patchOperations=[{"op": "replace", "path": "/parentId", "value": root}],
        )
    assert status_of(excinfo) == 409
    assert error_of(excinfo) == (
        "ConflictException",
        "Another resource with the same parent already has this name: pets",
    )
    assert paths_by_id(apigateway, api)[inner["id"]] == "/pets/subpets/pets"


def test_rename_onto_a_sibling_name_is_409(apigateway, api):
    root = api["rootResourceId"]
    add(apigateway, api, root, "pets")
    dogs = add(apigateway, api, root, "dogs")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_resource(
            restApiId=api["id"], resourceId=dogs["id"],
            patchOperations=[{"op": "replace", "path": "/pathPart", "value": "pets"}],
        )
    assert error_of(excinfo) == (
        "ConflictException",
        "Another resource with the same parent already has this name: pets",
    )


def test_move_under_own_descendant_is_cyclical(apigateway, api):
    pets = add(apigateway, api, api["rootResourceId"], "pets")
    child = add(apigateway, api, pets["id"], "child")
    grandchild = add(apigateway, api, child["id"], "grandchild")
    for target in (child["id"], grandchild["id"], pets["id"]):
        with pytest.raises(ClientError) as excinfo:
            apigateway.update_resource(
                restApiId=api["id"], resourceId=pets["id"],
                patchOperations=[{"op": "replace", "path": "/parentId", "value": target}],
            )
        assert error_of(excinfo) == ("BadRequestException", "Resources cannot be cyclical.")
    assert paths_by_id(apigateway, api)[grandchild["id"]] == "/pets/child/grandchild"


def test_move_to_unknown_parent_is_404(apigateway, api):
    pets = add(apigateway, api, api["rootResourceId"], "pets")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_resource(
            restApiId=api["id"], resourceId=pets["id"],
            patchOperations=[{"op": "replace", "path": "/parentId", "value": "fake-parent-id"}],
        )
    assert error_of(excinfo) == ("NotFoundException", "Invalid Resource identifier specified")


def test_update_unknown_resource_is_404(apigateway, api):
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_resource(
            restApiId=api["id"], resourceId="nope",
            patchOperations=[{"op": "replace", "path": "/pathPart", "value": "x"}],
        )
    assert error_of(excinfo) == ("NotFoundException", "Invalid Resource identifier specified")


@pytest.mark.parametrize(
    "path,message",
    [
        ("/pathPart", "Root resource cannot update its pathPart."),
        ("/parentId", "Root resource cannot update its parentId."),
    ],
)
def test_root_resource_cannot_be_updated(apigateway, api, path, message):
    other = add(apigateway, api, api["rootResourceId"], "other")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_resource(
            restApiId=api["id"], resourceId=api["rootResourceId"],
            patchOperations=[{"op": "replace", "path": path, "value": other["id"] if path == "/parentId" else "x"}],
        )
    assert error_of(excinfo) == ("BadRequestException", message)
    root = apigateway.get_resource(restApiId=api["id"], resourceId=api["rootResourceId"])
    assert root["path"] == "/"
    assert "parentId" not in root and "pathPart" not in root


def test_update_resource_with_unsupported_path_lists_the_supported_ones(apigateway, api):
    pets = add(apigateway, api, api["rootResourceId"], "pets")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_resource(
            restApiId=api["id"], resourceId=pets["id"],
            patchOperations=[{"op": "replace", "path": "/invalid", "value": "x"}],
        )
    assert error_of(excinfo) == (
        "BadRequestException",
        "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId, /pathPart]",
    )


@pytest.mark.parametrize("op", ["add", "remove"])
def test_update_resource_supports_only_replace(apigateway, api, op):
    pets = add(apigateway, api, api["rootResourceId"], "pets")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_resource(
            restApiId=api["id"], resourceId=pets["id"], patchOperations=[{"op": op, "path": "/pathPart", "value": "x"}],
        )
    assert error_of(excinfo) == (
        "BadRequestException",
        f"Invalid patch path  '/pathPart' specified for op '{op}'. Please choose supported operations",
    )
    assert apigateway.get_resource(restApiId=api["id"], resourceId=pets["id"])["path"] == "/pets"


def test_update_resource_with_unknown_op_is_a_validation_error(apigateway, api):
    pets = add(apigateway, api, api["rootResourceId"], "pets")
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_resource(
            restApiId=api["id"], resourceId=pets["id"],
            patchOperations=[
                {"op": "wrong", "path": "/pathPart", "value": "x"},
                {"op": "replace", "path": "/pathPart", "value": "y"},
                {"op": "wrong", "path": "/pathPart", "value": "z"},
            ],
        )
    assert status_of(excinfo) == 400
    assert error_of(excinfo) == ("ValidationException", bad_op_message("updateResourceInput", 1, 3))
    assert apigateway.get_resource(restApiId=api["id"], resourceId=pets["id"])["path"] == "/pets"


def test_failed_update_changes_nothing(apigateway, api):
    root = api["rootResourceId"]
    add(apigateway, api, root, "taken")
    pets = add(apigateway, api, root, "pets")
    with pytest.raises(ClientError):
        apigateway.update_resource(
            restApiId=api["id"], resourceId=pets["id"],
            patchOperations=[
                {"op": "replace", "path": "/pathPart", "value": "fine"},
                {"op": "replace", "path": "/parentId", "value": "fake-parent-id"},
            ],
        )
    assert apigateway.get_resource(restApiId=api["id"], resourceId=pets["id"])["path"] == "/pets"


# --- delete --------------------------------------------------------------------------------------


def test_delete_resource_is_recursive(apigateway, api):
    root = api["rootResourceId"]
    parent = add(apigateway, api, root, "parent")
    child = add(apigateway, api, parent["id"], "child")
    grandchild = add(apigateway, api, child["id"], "{id}")
    moved = add(apigateway, api, parent["id"], "moved")
    apigateway.update_resource(
        restApiId=api["id"], resourceId=moved["id"],
        patchOperations=[{"op": "replace", "path": "/parentId", "value": root}],
    )
    deleted = apigateway.delete_resource(restApiId=api["id"], resourceId=parent["id"])
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 202
    for gone in (parent, child, grandchild):
        with pytest.raises(ClientError) as excinfo:
            apigateway.get_resource(restApiId=api["id"], resourceId=gone["id"])
        assert error_of(excinfo) == ("NotFoundException", "Invalid Resource identifier specified")
    with pytest.raises(ClientError) as excinfo:
        apigateway.delete_resource(restApiId=api["id"], resourceId=child["id"])
    assert error_of(excinfo) == ("NotFoundException", "Invalid Resource identifier specified")
    # A child moved away earlier survives.
    assert paths_by_id(apigateway, api) == {root: "/", moved["id"]: "/moved"}


def test_deleted_name_can_be_reused(apigateway, api):
    pets = add(apigateway, api, api["rootResourceId"], "pets")
    apigateway.delete_resource(restApiId=api["id"], resourceId=pets["id"])
    again = add(apigateway, api, api["rootResourceId"], "pets")
    assert again["id"] != pets["id"]
    assert again["path"] == "/pets"


# --- UpdateRestApi -------------------------------------------------------------------------------


def update_api(apigateway, api, *operations):
    return apigateway.update_rest_api(restApiId=api["id"], patchOperations=list(operations))


def test_update_rest_api_scalar_fields_and_tags_key(apigateway):
    api = apigateway.create_rest_api(name="before", description="old")
    updated = update_api(
        apigateway, api,
        {"op": "replace", "path": "/name", "value": "after"},
        {"op": "replace", "path": "/description", "value": "new"},
        {"op": "replace", "path": "/apiKeySource", "value": "AUTHORIZER"},
        {"op": "replace", "path": "/disableExecuteApiEndpoint", "value": "true"},
    )
    assert updated["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert (updated["name"], updated["description"], updated["apiKeySource"]) == ("after", "new", "AUTHORIZER")
    assert updated["disableExecuteApiEndpoint"] is True
    assert updated["tags"] == {}
    fetched = apigateway.get_rest_api(restApiId=api["id"])
    assert (fetched["name"], fetched["description"], fetched["apiKeySource"]) == ("after", "new", "AUTHORIZER")
    assert fetched["tags"] == {}


def test_binary_media_types_add_replace_remove_with_escaped_slashes(apigateway):
    api = apigateway.create_rest_api(name="bin", description="to remove")
    added = update_api(
        apigateway, api,
        {"op": "add", "path": "/binaryMediaTypes/image~1png"},
        {"op": "add", "path": "/binaryMediaTypes/image~1jpeg"},
    )
    assert added["binaryMediaTypes"] == ["image/png", "image/jpeg"]
    # replace drops the old entry and appends the new one at the end.
    replaced = update_api(
        apigateway, api, {"op": "replace", "path": "/binaryMediaTypes/image~1png", "value": "image/gif"}
    )
    assert replaced["binaryMediaTypes"] == ["image/jpeg", "image/gif"]
    removed = update_api(
        apigateway, api,
        {"op": "remove", "path": "/binaryMediaTypes/image~1gif"},
        {"op": "remove", "path": "/description"},
    )
    assert removed["binaryMediaTypes"] == ["image/jpeg"]
    assert "description" not in removed
    fetched = apigateway.get_rest_api(restApiId=api["id"])
    assert fetched["binaryMediaTypes"] == ["image/jpeg"]
    assert "description" not in fetched


def test_binary_media_type_dash_is_a_literal(apigateway):
    api = apigateway.create_rest_api(name="bin")
    updated = update_api(apigateway, api, {"op": "add", "path": "/binaryMediaTypes/-", "value": "image/png"})
    assert updated["binaryMediaTypes"] == ["-"]


def test_binary_media_type_wildcard_is_unescaped(apigateway):
    api = apigateway.create_rest_api(name="bin")
    updated = update_api(apigateway, api, {"op": "add", "path": "/binaryMediaTypes/*~1*"})
    assert updated["binaryMediaTypes"] == ["*/*"]


@pytest.mark.parametrize("op", ["add", "replace", "remove"])
def test_bare_binary_media_types_path_is_invalid(apigateway, op):
    api = apigateway.create_rest_api(name="bin", binaryMediaTypes=["image/png"])
    with pytest.raises(ClientError) as excinfo:
        update_api(apigateway, api, {"op": op, "path": "/binaryMediaTypes", "value": "image/gif"})
    assert error_of(excinfo) == ("BadRequestException", "Invalid patch path /binaryMediaTypes")
    assert apigateway.get_rest_api(restApiId=api["id"])["binaryMediaTypes"] == ["image/png"]


def test_endpoint_type_replace_by_name_and_by_index(apigateway):
    api = apigateway.create_rest_api(name="ep")
    regional = update_api(
        apigateway, api, {"op": "replace", "path": "/endpointConfiguration/types/EDGE", "value": "REGIONAL"}
    )
    assert regional["endpointConfiguration"]["types"] == ["REGIONAL"]
    assert regional["endpointConfiguration"]["ipAddressType"] == "ipv4"
    edge = update_api(apigateway, api, {"op": "replace", "path": "/endpointConfiguration/types/0", "value": "EDGE"})
    assert edge["endpointConfiguration"]["types"] == ["EDGE"]
    assert apigateway.get_rest_api(restApiId=api["id"])["endpointConfiguration"]["types"] == ["EDGE"]


def test_endpoint_type_private_forces_dualstack(apigateway):
    api = apigateway.create_rest_api(name="ep", endpointConfiguration={"types": ["REGIONAL"]})
    private = update_api(
        apigateway, api, {"op": "replace", "path": "/endpointConfiguration/types/REGIONAL", "value": "PRIVATE"}
    )
    assert private["endpointConfiguration"]["types"] == ["PRIVATE"]
    assert private["endpointConfiguration"]["ipAddressType"] == "dualstack"
    with pytest.raises(ClientError) as excinfo:
        update_api(apigateway, api, {"op": "replace", "path": "/endpointConfiguration/ipAddressType", "value": "ipv4"})
    assert error_of(excinfo) == ("BadRequestException", "Only dualstack ipAddressType is supported for Private APIs.")
    with_vpce = update_api(
        apigateway,
        api,
        {"op": "add", "path": "/endpointConfiguration/vpcEndpointIds", "value": "vpce-0123456789abcdef0"},
    )
    assert with_vpce["endpointConfiguration"]["vpcEndpointIds"] == ["vpce-0123456789abcdef0"]


def test_invalid_endpoint_type_value(apigateway):
    api = apigateway.create_rest_api(name="ep")
    with pytest.raises(ClientError) as excinfo:
        update_api(apigateway, api, {"op": "replace", "path": "/endpointConfiguration/types/EDGE", "value": "WRONG"})
    assert error_of(excinfo) == (
        "BadRequestException", "Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE"
    )
    assert apigateway.get_rest_api(restApiId=api["id"])["endpointConfiguration"]["types"] == ["EDGE"]


def test_endpoint_type_remove_is_refused_and_changes_nothing(apigateway):
    # AWS refuses `remove` on a type, naming it among the allowed operations all the same.
    api = apigateway.create_rest_api(name="ep")
    apigateway.update_rest_api(
        restApiId=api["id"],
        patchOperations=[
            {"op": "replace", "path": "/endpointConfiguration/types/0", "value": value}
            for value in ("EDGE", "REGIONAL", "PRIVATE")
        ],
    )
    with pytest.raises(ClientError) as excinfo:
        update_api(apigateway, api, {"op": "remove", "path": "/endpointConfiguration/types/0", "value": "EDGE"})
    assert error_of(excinfo) == (
        "BadRequestException", "Invalid patch operation specified. Must be 'add'|'remove'|'replace'"
    )
    after = update_api(
        apigateway, api, {"op": "replace", "path": "/endpointConfiguration/ipAddressType", "value": "dualstack"}
    )
    assert after["endpointConfiguration"] == {"types": ["PRIVATE"], "ipAddressType": "dualstack"}


@pytest.mark.parametrize("op", ["add", "remove", "move", "copy"])
def test_endpoint_types_change_only_by_replace(apigateway, op):
    api = apigateway.create_rest_api(name="ep")
    with pytest.raises(ClientError) as excinfo:
        update_api(
            apigateway, api,
            {"op": op, "path": "/endpointConfiguration/types/EDGE", "from": "/endpointConfiguration/types/0"},
        )
    assert error_of(excinfo) == (
        "BadRequestException", "Invalid patch operation specified. Must be 'add'|'remove'|'replace'"
    )


def test_ip_address_type_rules(apigateway):
    api = apigateway.create_rest_api(name="ep")
    dual = update_api(
        apigateway, api, {"op": "replace", "path": "/endpointConfiguration/ipAddressType", "value": "dualstack"}
    )
    assert dual["endpointConfiguration"] == {"types": ["EDGE"], "ipAddressType": "dualstack"}
    with pytest.raises(ClientError) as excinfo:
        update_api(apigateway, api, {"op": "replace", "path": "/endpointConfiguration/ipAddressType", "value": "wrong"})
    assert error_of(excinfo) == ("BadRequestException", "ipAddressType must be either ipv4 or dualstack.")
    with pytest.raises(ClientError) as excinfo:
        update_api(apigateway, api, {"op": "add", "path": "/endpointConfiguration/ipAddressType", "value": "ipv4"})
    assert error_of(excinfo) == ("BadRequestException", "Invalid patch operation specified. Must be one of: [replace]")


def test_minimum_compression_size_replace_and_clear(apigateway):
    api = apigateway.create_rest_api(name="gz")
    assert update_api(apigateway, api, {"op": "replace", "path": "/minimumCompressionSize", "value": "10"})[
        "minimumCompressionSize"
    ] == 10
    cleared = update_api(apigateway, api, {"op": "replace", "path": "/minimumCompressionSize", "value": ""})
    assert "minimumCompressionSize" not in cleared
    assert "minimumCompressionSize" not in apigateway.get_rest_api(restApiId=api["id"])
    assert update_api(apigateway, api, {"op": "replace", "path": "/minimumCompressionSize", "value": "0"})[
        "minimumCompressionSize"
    ] == 0
    assert apigateway.get_rest_api(restApiId=api["id"])["minimumCompressionSize"] == 0


@pytest.mark.parametrize("value", ["-1", "test", "10485761"])
def test_minimum_compression_size_out_of_range(apigateway, value):
    api = apigateway.create_rest_api(name="gz", minimumCompressionSize=5)
    with pytest.raises(ClientError) as excinfo:
        update_api(apigateway, api, {"op": "replace", "path": "/minimumCompressionSize", "value": value})
    assert error_of(excinfo) == (
        "BadRequestException", "Invalid minimum compression size, must be between 0 and 10485760"
    )
    assert apigateway.get_rest_api(restApiId=api["id"])["minimumCompressionSize"] == 5


def test_minimum_compression_size_takes_only_replace(apigateway):
    api = apigateway.create_rest_api(name="gz")
    with pytest.raises(ClientError) as excinfo:
        update_api(apigateway, api, {"op": "add", "path": "/minimumCompressionSize", "value": "10"})
    assert error_of(excinfo) == ("BadRequestException", "Invalid patch operation specified. Must be one of: [replace]")


@pytest.mark.parametrize("path", ["/invalid", "/id", "/createdDate", "/endpointConfiguration/unknown"])
def test_update_rest_api_unknown_path(apigateway, path):
    api = apigateway.create_rest_api(name="p")
    with pytest.raises(ClientError) as excinfo:
        update_api(apigateway, api, {"op": "replace", "path": path, "value": "x"})
    assert error_of(excinfo) == ("BadRequestException", f"Invalid patch path {path}")


def test_update_rest_api_unknown_ops_are_all_reported(apigateway):
    api = apigateway.create_rest_api(name="p")
    with pytest.raises(ClientError) as excinfo:
        update_api(
            apigateway, api,
            {"op": "wrong", "path": "/endpointConfiguration/types/EDGE", "value": "REGIONAL"},
            {"op": "wrong", "path": "/endpointConfiguration/ipAddressType", "value": "dualstack"},
            {"op": "wrong", "path": "/name", "value": "x"},
        )
    assert status_of(excinfo) == 400
    assert error_of(excinfo) == ("ValidationException", bad_op_message("updateRestApiInput", 1, 2, 3))
    assert apigateway.get_rest_api(restApiId=api["id"])["name"] == "p"


def test_update_unknown_rest_api_is_404(apigateway):
    with pytest.raises(ClientError) as excinfo:
        apigateway.update_rest_api(
            restApiId="api_id", patchOperations=[{"op": "replace", "path": "/name", "value": "x"}]
        )
    assert error_of(excinfo) == ("NotFoundException", f"Invalid API identifier specified {ACCOUNT}:api_id")


def test_update_rest_api_applies_operations_in_order_or_not_at_all(apigateway):
    api = apigateway.create_rest_api(name="p")
    with pytest.raises(ClientError):
        update_api(
            apigateway, api,
            {"op": "replace", "path": "/name", "value": "changed"},
            {"op": "replace", "path": "/minimumCompressionSize", "value": "-5"},
        )
    assert apigateway.get_rest_api(restApiId=api["id"])["name"] == "p"
    in_order = update_api(
        apigateway, api,
        {"op": "replace", "path": "/name", "value": "first"},
        {"op": "replace", "path": "/name", "value": "second"},
    )
    assert in_order["name"] == "second"


# --- default models ------------------------------------------------------------------------------


def test_new_rest_api_has_empty_and_error_models(apigateway, api):
    models = {model["name"]: model for model in apigateway.get_models(restApiId=api["id"])["items"]}
    assert set(models) == {"Empty", "Error"}
    empty, error = models["Empty"], models["Error"]
    assert empty["description"] == "This is a default empty schema model"
    assert error["description"] == "This is a default error schema model"
    assert empty["contentType"] == error["contentType"] == "application/json"
    assert json.loads(empty["schema"]) == {
        "$schema": "http://json-schema.org/draft-04/schema#", "title": "Empty Schema", "type": "object",
    }
    assert json.loads(error["schema"]) == {
        "$schema": "http://json-schema.org/draft-04/schema#", "title": "Error Schema", "type": "object",
        "properties": {"message": {"type": "string"}},
    }
    assert empty["id"] != error["id"]
    fetched = apigateway.get_model(restApiId=api["id"], modelName="Empty")
    assert (fetched["id"], fetched["schema"]) == (empty["id"], empty["schema"])
