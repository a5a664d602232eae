"""Image bytes for upload tests."""

import io


def png_bytes(size=(8, 8)):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 150)).save(out, format="PNG")
    return out.getvalue()
