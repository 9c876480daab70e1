"""SHA-256 of the shipped model file, written by `make model`.

The shipped model is loaded only when its file has this digest.
"""

SHIPPED_MODEL_SHA256 = "af3b872273e635cd3c96cd66e4f53b5ffd0323d2f736e8984adb72c9908c8208"
