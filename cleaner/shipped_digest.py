"""SHA-256 of the shipped model file, written by `make model`.

The shipped model is loaded only when its file has this digest.
"""

SHIPPED_MODEL_SHA256 = "cf7bfc94a0d19f23dca444bee2ac38a356b4b6a41d41b7bed8fc0a12074fec2c"
