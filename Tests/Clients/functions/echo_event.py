"""A Lambda proxy function: answers 200 with the event it was given as the body. The x-function
header comes from the environment functions.json sets, so a missing environment shows."""

import json
import os
import sys

event = json.load(sys.stdin)
headers = {}
if "ECHO_FUNCTION_NAME" in os.environ:
    headers["x-function"] = os.environ["ECHO_FUNCTION_NAME"]
print(json.dumps({"statusCode": 200, "headers": headers, "body": json.dumps(event)}))
