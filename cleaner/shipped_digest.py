"""SHA-256 of the shipped model file, written by `make model`.

The shipped model is loaded only when its file has this digest.
"""

SHIPPED_MODEL_SHA256 = "11d6a14e30c09ed6021540f26aa62e200e6eb364435f213cad396e2355b58041"
