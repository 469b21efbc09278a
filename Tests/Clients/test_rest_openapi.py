"""OpenAPI import and export, SDK downloads: a realistic pet store goes in, comes out, and goes
back in unchanged."""

import io
import json
import pathlib
import shutil
import subprocess
import zipfile

import pytest
import yaml
from botocore.exceptions import ClientError
from aws_answers import error_of

DOCUMENTS = pathlib.Path(__file__).parent / "documents"
PETSTORE = (DOCUMENTS / "petstore-oas30.yaml").read_bytes()


def resources_by_path(apigateway, api_id):
    items = apigateway.get_resources(restApiId=api_id, embed=["methods"], limit=500)["items"]
    return {item["path"]: item for item in items}


def definition(apigateway, api_id):
    """What an API defines, without ids: paths, methods (with integrations, validator and
    authorizer names), models and validators."""
    validators = {v["id"]: v["name"] for v in apigateway.get_request_validators(restApiId=api_id)["items"]}
    paths = {}
    for path, resource in resources_by_path(apigateway, api_id).items():
        methods = {}
        for verb, method in resource.get("resourceMethods", {}).items():
            method = dict(method)
            method.pop("ResponseMetadata", None)
            if "requestValidatorId" in method:
                method["requestValidatorId"] = validators[method["requestValidatorId"]]
            integration = method.get("methodIntegration")
            if integration:
                integration.pop("cacheNamespace", None)
            methods[verb] = method
        paths[path] = methods
    models = {m["name"]: json.loads(m["schema"]) for m in apigateway.get_models(restApiId=api_id)["items"]}
    for schema in models.values():
        text = json.dumps(schema).replace(f"/restapis/{api_id}/", "/restapis/API/")
        schema.clear()
        schema.update(json.loads(text))
    return {
        "paths": paths,
        "models": models,
        "validators": sorted(
            (v["name"], v["validateRequestBody"], v["validateRequestParameters"])
            for v in apigateway.get_request_validators(restApiId=api_id)["items"]),
    }


def test_import_builds_the_whole_api(apigateway):
    api = apigateway.import_rest_api(body=PETSTORE, parameters={"basepath": "prepend"})
    assert api["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert api["name"] == "Pet store"
    assert api["version"] == "2026-11-01"
    assert api["binaryMediaTypes"] == ["image/png"]
    assert "tags" not in api
    resources = resources_by_path(apigateway, api["id"])
    assert sorted(resources) == ["/", "/v1", "/v1/orders", "/v1/orders/{proxy+}", "/v1/pets", "/v1/pets/{petId}"]
    assert "resourceMethods" not in resources["/v1"]
    assert sorted(resources["/v1/pets"]["resourceMethods"]) == ["GET", "POST"]

    listing = resources["/v1/pets"]["resourceMethods"]["GET"]
    assert listing["operationName"] == "ListPets"
    assert listing["requestParameters"] == {
        "method.request.querystring.type": False, "method.request.querystring.page": True}
    assert listing["methodResponses"]["200"] == {
        "statusCode": "200", "responseModels": {"application/json": "Pets"},
        "responseParameters": {"method.response.header.Access-Control-Allow-Origin": False}}
    integration = listing["methodIntegration"]
    assert integration["type"] == "HTTP"
    assert integration["httpMethod"] == "GET"
    assert integration["uri"] == "http://petstore.example.com/pets"
    assert integration["passthroughBehavior"] == "WHEN_NO_MATCH"
    assert integration["integrationResponses"]["200"]["responseParameters"] == {
        "method.response.header.Access-Control-Allow-Origin": "'*'"}
    assert "selectionPattern" not in integration["integrationResponses"]["200"]

    validators = {v["name"]: v for v in apigateway.get_request_validators(restApiId=api["id"])["items"]}
    assert validators["all"]["validateRequestBody"] is True
    assert listing["requestValidatorId"] == validators["params-only"]["id"]
    creating = resources["/v1/pets"]["resourceMethods"]["POST"]
    assert creating["requestValidatorId"] == validators["all"]["id"]
    assert creating["requestModels"] == {"application/json": "NewPet"}
    assert creating["methodIntegration"]["timeoutInMillis"] == 5000

    mock = resources["/v1/pets/{petId}"]["resourceMethods"]["GET"]["methodIntegration"]
    assert mock["type"] == "MOCK"
    assert mock["passthroughBehavior"] == "WHEN_NO_TEMPLATES"
    assert mock["integrationResponses"]["404"]["selectionPattern"] == "4\\d{2}"
    proxy = resources["/v1/orders/{proxy+}"]["resourceMethods"]["ANY"]
    assert proxy["methodIntegration"]["type"] == "AWS_PROXY"
    assert proxy["requestParameters"] == {"method.request.path.proxy": True}

    models = {m["name"]: m for m in apigateway.get_models(restApiId=api["id"])["items"]}
    assert sorted(models) == ["Error", "NewPet", "NewPetResponse", "Pet", "Pets"]
    pets = json.loads(models["Pets"]["schema"])
    assert pets["items"]["$ref"] == f"https://apigateway.amazonaws.com/restapis/{api['id']}/models/Pet"
    response = apigateway.get_gateway_response(restApiId=api["id"], responseType="MISSING_AUTHENTICATION_TOKEN")
    assert response["statusCode"] == "404"
    assert response["defaultResponse"] is False


@pytest.mark.parametrize("export_type", ["oas30", "swagger"])
def test_export_then_import_gives_the_same_api(apigateway, export_type):
    original = apigateway.import_rest_api(body=PETSTORE)
    apigateway.create_deployment(restApiId=original["id"], stageName="prod")
    exported = apigateway.get_export(
        restApiId=original["id"], stageName="prod", exportType=export_type, parameters={"extensions": "apigateway"})
    assert exported["contentDisposition"] == f'attachment; filename="{export_type}_2026-11-01.json"'
    document = json.loads(exported["body"].read())
    if export_type == "oas30":
        assert document["openapi"] == "3.0.1"
        assert document["servers"][0]["variables"]["basePath"]["default"] == "prod"
        assert document["components"]["schemas"]["Pets"]["items"] == {"$ref": "#/components/schemas/Pet"}
    else:
        assert document["swagger"] == "2.0"
        assert document["basePath"] == "/prod"
        assert document["host"] == f"{original['id']}.execute-api.us-east-1.amazonaws.com"
        assert document["definitions"]["Pets"]["items"] == {"$ref": "#/definitions/Pet"}
    assert document["info"] == {**({"title": "Pet store"}), **document["info"]}
    assert document["paths"]["/pets"]["get"]["x-amazon-apigateway-integration"]["type"] == "http"
    assert document["x-amazon-apigateway-binary-media-types"] == ["image/png"]

    copy = apigateway.import_rest_api(body=json.dumps(document).encode())
    assert definition(apigateway, copy["id"]) == definition(apigateway, original["id"])


def test_export_as_yaml_without_extensions(apigateway):
    api = apigateway.import_rest_api(body=PETSTORE)
    apigateway.create_deployment(restApiId=api["id"], stageName="dev")
    exported = apigateway.get_export(
        restApiId=api["id"], stageName="dev", exportType="swagger", accepts="application/yaml")
    assert exported["contentDisposition"].endswith('.yaml"')
    document = yaml.safe_load(exported["body"].read())
    assert document["info"]["version"] == "2026-11-01"
    get = document["paths"]["/pets/{petId}"]["get"]
    assert get["parameters"] == [{"name": "petId", "in": "path", "required": True, "type": "string"}]
    text = json.dumps(document)
    # Without extensions only the ANY-method key (which OpenAPI has no word for) is API Gateway's.
    for extension in ("integration", "binary-media-types", "request-validator", "gateway-responses"):
        assert f"x-amazon-apigateway-{extension}" not in text
    assert "x-amazon-apigateway-any-method" in document["paths"]["/orders/{proxy+}"]


def test_export_needs_a_deployed_stage(apigateway):
    api = apigateway.import_rest_api(body=PETSTORE)
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_export(restApiId=api["id"], stageName="nope", exportType="oas30")
    assert error_of(excinfo) == ("NotFoundException", "Invalid stage identifier specified")


def test_put_rest_api_merge_and_overwrite(apigateway):
    api = apigateway.import_rest_api(body=PETSTORE)
    before = resources_by_path(apigateway, api["id"])
    extra = {
        "swagger": "2.0", "info": {"title": "Renamed", "version": "2"},
        "x-amazon-apigateway-binary-media-types": ["image/gif"],
        "paths": {
            "/pets": {"delete": {"responses": {"204": {"description": "gone"}},
                                 "x-amazon-apigateway-integration": {"type": "mock"}}},
            "/health": {"get": {"responses": {"200": {"description": "ok"}},
                                "x-amazon-apigateway-integration": {"type": "mock"}}},
        },
    }
    merged = apigateway.put_rest_api(restApiId=api["id"], mode="merge", body=json.dumps(extra).encode())
    assert merged["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert merged["name"] == "Renamed"
    assert merged["tags"] == {}
    assert merged["binaryMediaTypes"] == ["image/png", "image/gif"]
    after = resources_by_path(apigateway, api["id"])
    assert sorted(after["/pets"]["resourceMethods"]) == ["DELETE", "GET", "POST"]
    assert "/health" in after and "/pets/{petId}" in after

    overwritten = apigateway.put_rest_api(restApiId=api["id"], mode="overwrite", body=json.dumps(extra).encode())
    assert overwritten["rootResourceId"] == api["rootResourceId"]
    assert overwritten["binaryMediaTypes"] == ["image/gif"]
    final = resources_by_path(apigateway, api["id"])
    assert sorted(final) == ["/", "/health", "/pets"]
    assert final["/pets"]["id"] == before["/pets"]["id"]
    assert sorted(final["/pets"]["resourceMethods"]) == ["DELETE"]
    assert apigateway.get_models(restApiId=api["id"])["items"] == []


@pytest.mark.parametrize("body", [b"not: [valid", b'{"hello": "world"}', b""])
def test_documents_aws_would_reject_leave_nothing_behind(apigateway, body):
    with pytest.raises(ClientError) as excinfo:
        apigateway.import_rest_api(body=body)
    assert error_of(excinfo) == ("BadRequestException", "Invalid OpenAPI input.")
    assert apigateway.get_rest_apis()["items"] == []


def test_an_invalid_integration_fails_the_whole_import(apigateway):
    document = {
        "openapi": "3.0.1", "info": {"title": "bad", "version": "1"},
        "paths": {
            "/ok": {"get": {"responses": {}, "x-amazon-apigateway-integration": {"type": "mock"}}},
            "/bad": {"get": {"responses": {}, "x-amazon-apigateway-integration": {
                "type": "http", "httpMethod": "GET", "uri": "not a url"}}},
        },
    }
    with pytest.raises(ClientError) as excinfo:
        apigateway.import_rest_api(body=json.dumps(document).encode())
    code, message = error_of(excinfo)
    assert code == "BadRequestException"
    assert "Invalid HTTP endpoint specified for URI" in message and "/bad" in message
    assert apigateway.get_rest_apis()["items"] == []


def test_warnings_are_reported_or_fail_the_import(apigateway):
    document = {
        "swagger": "2.0", "info": {"title": "warned", "version": "1"},
        "paths": {"/a": {"get": {"responses": {}, "x-amazon-apigateway-integration": {
            "type": "mock", "requestParameters": {"integration.request.header.x": True}}}}},
    }
    api = apigateway.import_rest_api(body=json.dumps(document).encode())
    assert any("Expected type string for property 'integration.request.header.x'" in w for w in api["warnings"])
    with pytest.raises(ClientError) as excinfo:
        apigateway.import_rest_api(body=json.dumps(document).encode(), failOnWarnings=True)
    assert error_of(excinfo)[0] == "BadRequestException"
    assert len(apigateway.get_rest_apis()["items"]) == 1


def test_sdk_types_and_a_javascript_sdk(apigateway, tmp_path):
    types = {t["id"]: t for t in apigateway.get_sdk_types()["items"]}
    assert sorted(types) == ["android", "java", "javascript", "objectivec", "ruby", "swift"]
    assert apigateway.get_sdk_type(id="android")["configurationProperties"][0]["required"] is True
    api = apigateway.import_rest_api(body=PETSTORE)
    apigateway.create_deployment(restApiId=api["id"], stageName="prod")
    sdk = apigateway.get_sdk(restApiId=api["id"], stageName="prod", sdkType="javascript")
    archive = zipfile.ZipFile(io.BytesIO(sdk["body"].read()))
    assert archive.testzip() is None
    assert "apiGateway-js-sdk/apigClient.js" in archive.namelist()
    archive.extractall(tmp_path)
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = (
        "const f = require(process.argv[1]); const c = f.newClient();"
        "console.log(JSON.stringify(Object.keys(c).sort()))")
    names = json.loads(subprocess.run(
        [node, "-e", script, str(tmp_path / "apiGateway-js-sdk" / "apigClient.js")],
        capture_output=True, text=True, check=True, timeout=30).stdout)
    assert names == ["ordersProxyAny", "petsGet", "petsPetIdGet", "petsPost"]
    with pytest.raises(ClientError) as excinfo:
        apigateway.get_sdk(restApiId=api["id"], stageName="prod", sdkType="java")
    assert error_of(excinfo)[0] == "BadRequestException"


def test_put_rest_api_refuses_an_unknown_mode(apigateway):
    api = apigateway.import_rest_api(body=PETSTORE)
    before = resources_by_path(apigateway, api["id"])
    with pytest.raises(ClientError) as excinfo:
        apigateway.put_rest_api(restApiId=api["id"], mode="replace", body=PETSTORE)
    assert excinfo.value.response["Error"]["Code"] == "BadRequestException"
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert resources_by_path(apigateway, api["id"]) == before


# --- details recorded against AWS ------------------------------------------------------------------


def swagger(paths, **extra):
    return json.dumps({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": paths, **extra}).encode()


def openapi(paths, **extra):
    return json.dumps({"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": paths, **extra}).encode()


MOCK_INTEGRATION = {
    "type": "mock", "requestTemplates": {"application/json": '{"statusCode": 200}'},
    "responses": {"default": {"statusCode": "200"}},
}


def test_import_makes_path_template_parameters_required_method_parameters(apigateway):
    lambda_uri = (
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        "arn:aws:lambda:us-east-1:000000000000:function:f/invocations"
    )
    with_lambda = {"type": "aws_proxy", "httpMethod": "POST", "uri": lambda_uri}
    api = apigateway.import_rest_api(body=swagger({
        "/product": {"get": {"responses": {}, "x-amazon-apigateway-integration": MOCK_INTEGRATION}},
        "/product/{product_id}": {
            "get": {"responses": {}, "x-amazon-apigateway-integration": with_lambda},
            "options": {"responses": {}, "x-amazon-apigateway-integration": MOCK_INTEGRATION},
        },
    }))
    resources = resources_by_path(apigateway, api["id"])
    assert "requestParameters" not in resources["/product"]["resourceMethods"]["GET"]
    for verb in ("GET", "OPTIONS"):
        method = resources["/product/{product_id}"]["resourceMethods"][verb]
        assert method["requestParameters"] == {"method.request.path.product_id": True}, verb
    v3 = apigateway.import_rest_api(body=openapi({
        "/echo/{data}": {"x-amazon-apigateway-any-method": {"x-amazon-apigateway-integration": MOCK_INTEGRATION}},
    }))
    method = resources_by_path(apigateway, v3["id"])["/echo/{data}"]["resourceMethods"]["ANY"]
    assert method["requestParameters"] == {"method.request.path.data": True}


def test_import_gives_a_model_its_schema_description(apigateway):
    api = apigateway.import_rest_api(body=openapi({}, components={"schemas": {
        "Person": {
            "type": "object", "description": "Random person schema.",
            "properties": {"house": {"$ref": "#/components/schemas/House"}},
        },
        "House": {
            "type": "object", "description": "Where a Person can live",
            "properties": {"contains": {"type": "array", "items": {"$ref": "#/components/schemas/Person"}}},
        },
        "Empty": {"title": "Empty Schema", "type": "object"},
    }}))
    models = {model["name"]: model for model in apigateway.get_models(restApiId=api["id"])["items"]}
    assert models["House"]["description"] == "Where a Person can live"
    assert models["Person"]["description"] == "Random person schema."
    assert "description" not in models["Empty"]
    assert json.loads(models["Person"]["schema"])["description"] == "Random person schema."
    house = json.loads(models["Person"]["schema"])["properties"]["house"]["$ref"]
    assert house == f"https://apigateway.amazonaws.com/restapis/{api['id']}/models/House"


@pytest.mark.parametrize("mode,expected", [("prepend", "/base-var/test"), ("split", "/test"), ("ignore", "/test")])
def test_prepend_uses_the_base_path_server_variable(apigateway, mode, expected):
    api = apigateway.create_rest_api(name="srv-var")
    document = openapi(
        {"/test": {
            "get": {"x-amazon-apigateway-integration": MOCK_INTEGRATION},
            "options": {"x-amazon-apigateway-integration": MOCK_INTEGRATION},
        }},
        servers=[{"url": "https://testdomain.com", "variables": {"basePath": {"default": "/base-var"}}}],
    )
    put = apigateway.put_rest_api(restApiId=api["id"], mode="overwrite", body=document, parameters={"basepath": mode})
    assert "warnings" not in put
    resources = resources_by_path(apigateway, api["id"])
    assert sorted(resources["/" + expected.strip("/")]["resourceMethods"]) == ["GET", "OPTIONS"]
    if mode == "prepend":
        assert sorted(resources) == ["/", "/base-var", "/base-var/test"]


# A classic pet store as Swagger 2.0: a MOCK root answering HTML, listing with query parameters
# declared `type` then `page`, creating with a body model, and a CORS preflight.
CLASSIC_PETSTORE = swagger(
    {
        "/": {"get": {
            "responses": {"200": {"description": "200 response"}},
            "x-amazon-apigateway-integration": {
                "type": "mock", "requestTemplates": {"application/json": '{"statusCode": 200}'},
                "responses": {"default": {"statusCode": "200", "responseTemplates": {"text/html": "<html/>"}}},
            },
        }},
        "/pets": {
            "get": {
                "parameters": [
                    {"name": "type", "in": "query", "required": False, "type": "string"},
                    {"name": "page", "in": "query", "required": False, "type": "string"},
                ],
                "responses": {"200": {"description": "200 response", "schema": {"$ref": "#/definitions/Pets"}}},
                "x-amazon-apigateway-integration": {
                    "type": "http", "httpMethod": "GET", "uri": "http://petstore.example.com/pets",
                    "responses": {"default": {"statusCode": "200"}},
                },
            },
            "post": {
                "consumes": ["application/json"],
                "parameters": [{"in": "body", "name": "NewPet", "required": True,
                                "schema": {"$ref": "#/definitions/NewPet"}}],
                "responses": {"200": {"description": "200 response", "schema": {"$ref": "#/definitions/Pets"}}},
                "x-amazon-apigateway-integration": {
                    "type": "http", "httpMethod": "POST", "uri": "http://petstore.example.com/pets",
                    "responses": {"default": {"statusCode": "200"}},
                },
            },
            "options": {
                "responses": {"200": {"description": "200 response", "schema": {"$ref": "#/definitions/Empty"}}},
                "x-amazon-apigateway-integration": MOCK_INTEGRATION,
            },
        },
    },
    definitions={
        "Pets": {"type": "array", "items": {"type": "object"}},
        "NewPet": {"type": "object"},
        "Empty": {"type": "object"},
    },
)


@pytest.mark.parametrize("extensions", [{}, {"extensions": "apigateway"}])
def test_swagger_export_consumes_and_produces_come_from_models_and_templates(apigateway, extensions):
    api = apigateway.import_rest_api(body=CLASSIC_PETSTORE)
    apigateway.create_deployment(restApiId=api["id"], stageName="local")
    exported = apigateway.get_export(restApiId=api["id"], stageName="local", exportType="swagger", parameters=extensions)
    paths = json.loads(exported["body"].read())["paths"]
    shapes = {
        (path, verb): (operation.get("consumes"), operation.get("produces"))
        for path, item in paths.items() for verb, operation in item.items()
    }
    assert shapes == {
        ("/", "get"): (["application/json"], ["text/html"]),
        ("/pets", "get"): (None, ["application/json"]),
        ("/pets", "post"): (["application/json"], ["application/json"]),
        ("/pets", "options"): (["application/json"], ["application/json"]),
    }


@pytest.mark.parametrize("export_type", ["swagger", "oas30"])
def test_export_lists_parameters_in_declaration_order(apigateway, export_type):
    api = apigateway.import_rest_api(body=CLASSIC_PETSTORE)
    apigateway.create_deployment(restApiId=api["id"], stageName="local")
    for extensions in ({}, {"extensions": "apigateway"}):
        exported = apigateway.get_export(
            restApiId=api["id"], stageName="local", exportType=export_type, parameters=extensions)
        listing = json.loads(exported["body"].read())["paths"]["/pets"]["get"]
        assert [parameter["name"] for parameter in listing["parameters"]] == ["type", "page"]
