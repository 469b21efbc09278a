"""A function that fails with an error payload, as a Lambda function raising ValueError would."""

import json
import sys

sys.stdin.read()
print(json.dumps({"errorMessage": "Bad request: id missing", "errorType": "ValueError"}))
sys.exit(1)
