"""A function that dies: a message on standard error, nothing on standard output, exit status 2."""

import sys

sys.stdin.read()
sys.stderr.write("crash: something went badly wrong\n")
sys.exit(2)
