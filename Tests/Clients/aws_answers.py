"""Reading AWS answers in the client suites: error codes and messages, statuses, bodies."""

ACCOUNT = "000000000000"
# AWS's order of the patch `op` enumeration in its validation messages.
OP_ENUM = "[add, remove, move, test, replace, copy]"


def error_of(excinfo):
    """(code, message) of a ClientError caught by pytest.raises."""
    return excinfo.value.response["Error"]["Code"], excinfo.value.response["Error"]["Message"]


def status_of(excinfo):
    return excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"]


def http_status(response):
    return response["ResponseMetadata"]["HTTPStatusCode"]


def body_of(response):
    """A boto3 response without its metadata: what the service sent."""
    return {key: value for key, value in response.items() if key != "ResponseMetadata"}
