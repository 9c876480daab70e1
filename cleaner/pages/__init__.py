"""Pages in: bytes decoded to text, HTML rendered to lines with DOM context,
and the one adapter to trafilatura and jusText."""
