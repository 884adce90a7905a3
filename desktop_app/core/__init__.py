"""Plain-Python core: the model, anchoring, spans and operations. No Qt, no SQL."""
