"""A function for non-proxy (AWS) integrations: returns its input payload unchanged."""

import sys

sys.stdout.write(sys.stdin.read())
