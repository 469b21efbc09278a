"""A Lambda proxy function that answers what the request body asks for: the request body is JSON,
{"response": VALUE} prints VALUE as JSON, {"raw": TEXT} prints TEXT as it is (for malformed
proxy responses)."""

import json
import sys

event = json.load(sys.stdin)
request = json.loads(event["body"])
if "raw" in request:
    sys.stdout.write(request["raw"])
else:
    sys.stdout.write(json.dumps(request["response"]))
