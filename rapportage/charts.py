"""Charts drawn on the server (matplotlib): inline SVG for the dashboard (no JavaScript),
PNG for the PDF report (which renders it far faster than SVG)."""

import base64
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first
from matplotlib.ticker import MaxNLocator  # noqa: E402

matplotlib.rcParams.update({"svg.fonttype": "none", "font.size": 9, "font.family": "DejaVu Sans"})

COLOUR = "#01689b"


def bar_chart(
    title: str,
    values: dict,
    *,
    labels: dict | None = None,
    horizontal: bool = False,
    unit: str = "",
    fmt: str = "svg",
) -> str:
    """A bar chart of ``values`` (label -> number) as SVG markup or a PNG data URI; an
    empty chart says so."""
    labels = labels or {}
    names = [str(labels.get(k, k)) for k in values]
    numbers = [float(v or 0) for v in values.values()]
    height = max(2.4, 0.35 * len(names) + 1) if horizontal else 2.8
    figure, axes = plt.subplots(figsize=(6.4, height))
    try:
        axes.set_title(title, loc="left", fontsize=10, fontweight="bold")
        if not names:
            axes.text(
                0.5,
                0.5,
                "geen gegevens in deze periode",
                ha="center",
                va="center",
                transform=axes.transAxes,
                color="#666",
            )
            axes.set_axis_off()
        elif horizontal:
            bars = axes.barh(names[::-1], numbers[::-1], color=COLOUR)
            axes.bar_label(bars, fmt=f"%g{unit}", padding=2, fontsize=8)
            axes.xaxis.set_major_locator(MaxNLocator(integer=not unit))
        else:
            bars = axes.bar(names, numbers, color=COLOUR)
            axes.bar_label(bars, fmt=f"%g{unit}", padding=2, fontsize=8)
            axes.tick_params(axis="x", labelrotation=30 if len(names) > 4 else 0)
            axes.yaxis.set_major_locator(MaxNLocator(integer=not unit))
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.tight_layout()
        if fmt == "png":
            raw = io.BytesIO()
            figure.savefig(raw, format="png", dpi=100)
            return "data:image/png;base64," + base64.b64encode(raw.getvalue()).decode()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg")
    finally:
        plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]
