#!/usr/bin/env python3
"""Draw the example campaign's pictures (original artwork, CC0): a dusk skyline over a
river with a girl looking out, and a simple scales-of-justice logo.

    pip install pillow && python3 scripts/draw-example-images.py

Output: examples/god-of-justice/images/{cambodia.jpg,logo.png}. Deterministic (fixed seed).
"""
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "examples" / "god-of-justice" / "images"
W, H = 2400, 1600
rng = random.Random(7)


def lerp(a, b, t):
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def sky():
    img = Image.new("RGB", (W, H))
    px = img.load()
    stops = [(0.0, (18, 30, 66)), (0.35, (64, 58, 110)), (0.55, (196, 104, 84)), (0.66, (246, 170, 84))]
    horizon = int(H * 0.66)
    for y in range(horizon):
        t = y / horizon * 0.66
        for (t0, c0), (t1, c1) in zip(stops, stops[1:]):
            if t0 <= t <= t1:
                c = lerp(c0, c1, (t - t0) / (t1 - t0))
                break
        for x in range(W):
            px[x, y] = c
    return img, horizon


def main():
    img, horizon = sky()
    d = ImageDraw.Draw(img)
    # The sun, low and soft.
    sun = Image.new("L", (W, H), 0)
    ImageDraw.Draw(sun).ellipse((1500, horizon - 260, 1820, horizon + 60), fill=255)
    sun = sun.filter(ImageFilter.GaussianBlur(30))
    img.paste((255, 214, 140), mask=sun)
    # River below the horizon with the sky mirrored and darkened.
    for y in range(horizon, H):
        t = (y - horizon) / (H - horizon)
        c = lerp((150, 92, 80), (14, 24, 48), min(1, t * 1.4))
        d.line([(0, y), (W, y)], fill=c)
    for i in range(160):
        y = rng.randint(horizon + 10, H - 40)
        x = 1660 + rng.randint(-220, 220) * (1 - (y - horizon) / (H - horizon))
        d.line([(x - rng.randint(10, 60), y), (x + rng.randint(10, 60), y)], fill=(240, 180, 110), width=2)
    # Skyline: blocks, towers and a stupa, in layers.
    for layer, (shade, base, top) in enumerate([((48, 40, 74), 0.58, 0.40), ((24, 22, 44), 0.66, 0.50)]):
        x = -40
        while x < W:
            w = rng.randint(60, 180)
            h = int(H * (base - rng.uniform(0, base - top)))
            d.rectangle((x, h, x + w, horizon + 4), fill=shade)
            if rng.random() < 0.25:
                d.rectangle((x + w // 3, h - rng.randint(30, 90), x + 2 * w // 3, h), fill=shade)
            for _ in range(rng.randint(0, 6) if h < horizon - 30 else 0):
                wx, wy = rng.randint(x + 6, x + w - 12), rng.randint(h + 10, horizon - 10)
                if layer == 1:
                    d.rectangle((wx, wy, wx + 6, wy + 9), fill=(250, 200, 120))
            x += w + rng.randint(0, 30)
    cx, base = 640, horizon - 2
    d.polygon([(cx - 150, base), (cx + 150, base), (cx + 90, base - 120), (cx - 90, base - 120)], fill=(20, 18, 38))
    d.polygon([(cx - 70, base - 120), (cx + 70, base - 120), (cx + 14, base - 420), (cx - 14, base - 420)], fill=(20, 18, 38))
    # Foreground ledge with a girl sitting, looking out.
    d.polygon([(0, H), (0, H - 260), (900, H - 300), (1100, H)], fill=(8, 12, 26))
    gx, gy = 560, H - 292
    d.ellipse((gx - 34, gy - 200, gx + 34, gy - 128), fill=(8, 12, 26))            # head
    d.polygon([(gx - 46, gy - 130), (gx + 44, gy - 130), (gx + 70, gy), (gx - 70, gy)], fill=(8, 12, 26))
    d.polygon([(gx - 40, gy - 190), (gx - 70, gy - 80), (gx - 30, gy - 120)], fill=(8, 12, 26))  # hair
    d.polygon([(gx + 20, gy - 10), (gx + 150, gy + 10), (gx + 150, gy + 40), (gx + 10, gy + 20)], fill=(8, 12, 26))
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    img.save(OUT / "cambodia.jpg", quality=82, optimize=True, progressive=False)

    # Logo: gold scales of justice on a navy disc.
    s = 512
    logo = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    g = ImageDraw.Draw(logo)
    gold, navy = (242, 179, 61, 255), (11, 31, 58, 255)
    g.ellipse((8, 8, s - 8, s - 8), fill=navy)
    g.rectangle((250, 110, 262, 400), fill=gold)
    g.rectangle((170, 390, 342, 410), fill=gold)
    g.rectangle((120, 140, 392, 152), fill=gold)
    g.ellipse((238, 92, 274, 128), fill=gold)
    for px in (140, 372):
        g.line([(px, 150), (px - 60, 290)], fill=gold, width=6)
        g.line([(px, 150), (px + 60, 290)], fill=gold, width=6)
        g.chord((px - 75, 230, px + 75, 340), 0, 180, fill=gold)
    logo.save(OUT / "logo.png", optimize=True)


if __name__ == "__main__":
    main()
