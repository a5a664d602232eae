"""Draw the default social image (static/img/social-card.png, 1200×630): what a link to the
site shows on social networks and in messaging apps when the page has no image of its own.

The association's name and tagline in white on the site's plum (static/css/site.css,
--color-primary), with the favicon's round "P". Nothing is downloaded: the text is set in
DejaVu Sans (Debian's fonts-dejavu-core, free licence; Liberation Sans as a second choice),
as Pillow's own bundled font has no accented letters. The PNG is kept in the repository;
rerun after changing the name or tagline:

    .venv/bin/python bin/make_social_image.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
PLUM = (0x8A, 0x3B, 0x5C)  # --color-primary
PLUM_DARK = (0x6A, 0x2B, 0x45)  # --color-primary-dark
SOFT = (0xF6, 0xF1, 0xEC)  # --color-soft
WHITE = (0xFF, 0xFF, 0xFF)
NAME = "Parentescence"
TAGLINE = ("Accompagner la parentalité", "en période périnatale")
FOOTER = "Parents · Professionnel·les · Institutions partenaires"
FONTS = {
    "bold": ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
             "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"],
    "regular": ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"],
}
OUTPUT = Path(__file__).resolve().parent.parent / "static" / "img" / "social-card.png"


def font(size, weight="regular"):
    for candidate in FONTS[weight]:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    raise SystemExit("No font with French accents found: apt-get install fonts-dejavu-core")


def draw(path=OUTPUT):
    image = Image.new("RGB", (WIDTH, HEIGHT), PLUM)
    pen = ImageDraw.Draw(image)
    # A darker band at the bottom, a soft rule above it.
    pen.rectangle([0, HEIGHT - 110, WIDTH, HEIGHT], fill=PLUM_DARK)
    pen.rectangle([0, HEIGHT - 114, WIDTH, HEIGHT - 110], fill=SOFT)
    # The favicon's mark: a white disc with a plum "P".
    left, top, size = 90, 110, 150
    pen.ellipse([left, top, left + size, top + size], fill=WHITE)
    pen.text((left + size / 2, top + size / 2 + 4), "P", font=font(100, "bold"), fill=PLUM, anchor="mm")
    # The name and the tagline.
    x = left + size + 50
    pen.text((x, top + 4), NAME, font=font(84, "bold"), fill=WHITE, anchor="lt")
    y = top + 150
    for line in TAGLINE:
        pen.text((x, y), line, font=font(44), fill=SOFT, anchor="lt")
        y += 62
    pen.text((WIDTH / 2, HEIGHT - 55), FOOTER, font=font(30), fill=WHITE, anchor="mm")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "PNG", optimize=True)
    return path


if __name__ == "__main__":
    print(draw())
