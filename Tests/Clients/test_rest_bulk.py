"""A large REST API: 1,000 resources, each with a method and a MOCK integration, listed back through
GetResources pagination. Prints how long each phase took (visible with `pytest -s`); real AWS caps
an API at 300 resources by default, so this is a load check of the emulator, not of AWS parity."""

import time

RESOURCES = 1000


def test_thousand_resources_with_methods_list_back_through_pagination(apigateway):
    api = apigateway.create_rest_api(name="bulk")
    root = api["rootResourceId"]
    expected = {}

    started = time.perf_counter()
    for index in range(RESOURCES):
        resource = apigateway.create_resource(restApiId=api["id"], parentId=root, pathPart=f"r{index:04d}")
        apigateway.put_method(
            restApiId=api["id"], resourceId=resource["id"], httpMethod="PUT", authorizationType="NONE"
        )
        apigateway.put_integration(restApiId=api["id"], resourceId=resource["id"], httpMethod="PUT", type="MOCK")
        expected[resource["id"]] = resource["path"]
    created = time.perf_counter() - started

    started = time.perf_counter()
    items, pages, position = [], 0, None
    while True:
        page = apigateway.get_resources(restApiId=api["id"], limit=500, **({"position": position} if position else {}))
        items += page["items"]
        pages += 1
        position = page.get("position")
        if not position:
            break
    listed = time.perf_counter() - started
    print(f"\ncreate phase: {RESOURCES} resources x (resource, method, integration) in {created:.2f} s")
    print(f"list phase: {len(items)} resources in {pages} pages of at most 500 in {listed:.2f} s")

    assert pages == 3
    assert len(items) == RESOURCES + 1
    assert len({item["id"] for item in items}) == RESOURCES + 1
    listed_paths = {item["id"]: item["path"] for item in items}
    assert listed_paths.pop(root) == "/"
    assert listed_paths == expected
    assert set(listed_paths.values()) == {f"/r{index:04d}" for index in range(RESOURCES)}
    assert all(item.get("resourceMethods") == {"PUT": {}} for item in items if item["id"] != root)
