"""A function that runs past its 1-second timeout (functions.json)."""

import json
import sys
import time

sys.stdin.read()
time.sleep(5)
print(json.dumps({"woke": True}))
