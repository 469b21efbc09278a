"""`portico render-template`: mapping templates rendered offline, exactly as the gateway would."""

import json
import subprocess

from conftest import BINARY


def render(tmp_path, template, *arguments, stdin=None):
    path = tmp_path / "template.vtl"
    path.write_text(template)
    return subprocess.run(
        [BINARY, "render-template", str(path), *arguments], input=stdin, capture_output=True, text=True, timeout=30)


def test_renders_body_params_context_and_stage_variables_without_adding_a_newline(tmp_path):
    template = (
        "#set($pets = $input.path('$.pets'))\n"
        '{"count": $pets.size(), "first": "$pets[0].name", "all": $pets, "raw": $input.json(\'$.pets[0]\'),\n'
        ' "q": "$input.params(\'q\')", "id": "$input.params().path.id", "stage": "$context.stage",\n'
        ' "account": "$context.accountId", "env": "$stageVariables.env"}'
    )
    result = render(
        tmp_path, template, "--body", "-", "--params", json.dumps({"path": {"id": "7"}, "querystring": {"q": "cats"}}),
        "--context", json.dumps({"stage": "prod"}), "--stage-variables", json.dumps({"env": "dev"}),
        stdin='{"pets": [{"name": "Rex", "tags": ["a"]}, {"name": "Tom"}]}')
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        '{"count": 2, "first": "Rex", "all": [{"name":"Rex","tags":["a"]},{"name":"Tom"}], '
        '"raw": {"name":"Rex","tags":["a"]},\n'
        ' "q": "cats", "id": "7", "stage": "prod",\n'
        ' "account": "000000000000", "env": "dev"}')


def test_api_gateway_departures_apply(tmp_path):
    template = "[$missing.value][$util.escapeJavaScript($nothing)]#if($missing == '')[empty]#end[$input.body]"
    result = render(tmp_path, template)
    assert result.returncode == 0
    assert result.stdout == "[][][empty][{}]"


def test_body_from_a_file(tmp_path):
    body = tmp_path / "body.json"
    body.write_text('{"a": {"b": [1, 2.5, "x"]}}')
    result = render(tmp_path, "$input.path('$.a')|$input.path('$.a.b')", "--body", str(body))
    assert result.stdout == '{b=[1,2.5,"x"]}|[1,2.5,"x"]'


def test_template_errors_name_line_and_column(tmp_path):
    result = render(tmp_path, "line one\n#foreach($x in [1, 2]\n$x\n#end")
    assert result.returncode == 1
    assert result.stdout == ""
    # The parser stops where the closing parenthesis should have been: "$x" on line 3.
    assert "at line 3, column 1" in result.stderr


def test_runaway_templates_are_stopped(tmp_path):
    result = render(tmp_path, "#macro(loop)#loop()#end#loop()")
    assert result.returncode == 1
    assert "nesting" in result.stderr
    result = render(tmp_path, "#foreach($i in [1..2000000])#end")
    assert result.returncode == 1


def test_bad_options_are_reported(tmp_path):
    result = render(tmp_path, "x", "--params", "[1]")
    assert result.returncode == 1
    assert "--params must be a JSON object" in result.stderr


def test_context_has_aws_variables_and_writable_overrides(tmp_path):
    template = (
        '#set($context.requestOverride.header.X-Trace = "abc")#set($context.responseOverride.status = 201)'
        "$context.requestOverride.header.X-Trace $context.responseOverride.status "
        "[$context.identity.caller][$context.identity.sourceIp][$context.authorizer.principalId]"
        "[$context.requestTimeEpoch.getClass().getSimpleName()]")
    result = render(tmp_path, template)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "abc 201 [][127.0.0.1][][Long]"
