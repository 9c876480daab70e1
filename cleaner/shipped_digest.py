"""SHA-256 of the shipped model file, written by `make model`.

The shipped model is loaded only when its file has this digest.
"""

SHIPPED_MODEL_SHA256 = "49a332733d2839fad89f856d085eda313d4e37fd8b03b63b47eb58bfffbd582d"
