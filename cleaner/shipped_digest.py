"""SHA-256 of the shipped model file, written by `make model`.

The shipped model is loaded only when its file has this digest.
"""

SHIPPED_MODEL_SHA256 = "d20cf2a14cf3955d2f573a627fc837e3ef78cee205cd4d6bc0e9ba5367926b33"
