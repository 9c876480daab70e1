"""SHA-256 of the shipped model file, written by `make model`.

The shipped model is loaded only when its file has this digest.
"""

SHIPPED_MODEL_SHA256 = "914c2fc167a3a45b3153774b3286b78c4d10d0068b62660c330f44365b38f13c"
