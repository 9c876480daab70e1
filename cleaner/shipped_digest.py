"""SHA-256 of the shipped model file, written by `make model`.

The shipped model is loaded only when its file has this digest.
"""

SHIPPED_MODEL_SHA256 = "36b1b0902b91341f34fb3f7eb940d3e015b4bd417702ce6b6e39bd8576f555dd"
