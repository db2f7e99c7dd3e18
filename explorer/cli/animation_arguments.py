"""``explorer export --frames STEP``: the filtered view as an animation or a PNG series."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .common import EXIT_INVALID, EXIT_OK, UsageError, filtered_view, load_data, positive


def frame_size(text: str) -> tuple[int, int]:
    """``--frame-size WIDTHxHEIGHT``."""
    match = re.fullmatch(r"\s*(\d{2,5})\s*[x×]\s*(\d{2,5})\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT in pixels, e.g. 1280x720, got {text!r}")
    return int(match[1]), int(match[2])


def add_animation_arguments(parser: argparse.ArgumentParser) -> None:
    from ..animation import DEFAULT_FPS, DEFAULT_MAX_FRAMES, STEPS

    group = parser.add_argument_group(
        "animation (-o story.gif, story.mp4, story.webm, or a folder for numbered PNG frames)"
    )
    group.add_argument(
        "--frames", choices=STEPS, metavar="STEP", help=f"one frame per step over --from…--to: {', '.join(STEPS)}"
    )
    group.add_argument(
        "--window",
        type=positive(int),
        metavar="DAYS",
        help="show only the last DAYS days on each frame (or, with --asof, up to that day)",
    )
    group.add_argument(
        "--fps", type=positive(float), default=DEFAULT_FPS, help=f"frames per second (default {DEFAULT_FPS:g})"
    )
    group.add_argument(
        "--frame-size", type=frame_size, default=(1280, 720), metavar="WxH", help="frame size (default 1280x720)"
    )
    group.add_argument(
        "--max-frames",
        type=positive(int),
        default=DEFAULT_MAX_FRAMES,
        metavar="N",
        help=f"refuse animations of more frames (default {DEFAULT_MAX_FRAMES})",
    )


def export_animation(args: argparse.Namespace) -> int:
    from ..animation import Animation, AnimationError, output_kind, write_animation
    from ..export import ExportError, ImageRenderer, ImageSize, check_image_size

    if len(args.output) != 1:
        raise UsageError("an animation is written to one -o file or folder")
    target = Path(args.output[0])
    width, height = args.frame_size
    try:
        output_kind(target)
        check_image_size(width, height, 1.0)
    except ExportError as error:
        raise UsageError(str(error)) from None
    view = filtered_view(args, load_data(args))
    animation = Animation(
        filters=view.filters,
        view_name=args.view,
        step=args.frames,
        window_days=args.window,
        size=ImageSize(width=width, height=height, scale=1.0),
        fps=args.fps,
        max_frames=args.max_frames,
    )

    def report(done: int, total: int) -> None:
        print(f"explorer: frame {done}/{total}", file=sys.stderr, flush=True)

    try:
        with ImageRenderer() as renderer:
            written, count = write_animation(animation, view, target, renderer, report)
    except AnimationError as error:
        print(f"explorer export: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    print(f"{written}: {count} frames of one {args.frames}, {args.view}", file=sys.stderr)
    return EXIT_OK
