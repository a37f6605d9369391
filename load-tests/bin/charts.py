#!/usr/bin/env python3
"""Charts for load-tests/RESULTS.md, as SVG written directly (no plotting library): reads the raw results in
load-tests/results/ and writes load-tests/results/*.svg.   python3 load-tests/bin/charts.py"""
import csv, glob, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, "..", "results")
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]


def rows(name):
    path = os.path.join(RES, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return list(csv.DictReader(f, delimiter="\t"))


def svg(name, title, width, height, body):
    with open(os.path.join(RES, name), "w") as f:
        f.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">\n')
        f.write(f'<rect width="{width}" height="{height}" fill="white"/>\n')
        f.write(f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">{title}</text>\n')
        f.write(body)
        f.write("</svg>\n")
    print("wrote", os.path.join(RES, name))


def line_chart(name, title, series, xlabel, ylabel, right=None, right_label=None):
    """series: [(label, [(x, y)…])]; right: the same, plotted against a second y axis."""
    W, H, L, R, T, B = 720, 420, 70, 70 if right else 20, 40, 60
    xs = [x for _, pts in series + (right or []) for x, _ in pts]
    ys = [y for _, pts in series for _, y in pts]
    if not xs or not ys:
        return
    x0, x1 = min(xs), max(xs) or 1
    y1 = max(ys) * 1.1 or 1
    x1 = x1 if x1 > x0 else x0 + 1
    px = lambda x: L + (x - x0) / (x1 - x0) * (W - L - R)
    py = lambda y, top=y1: H - B - y / top * (H - T - B)
    out = [f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="black"/>',
           f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H - B}" stroke="black"/>']
    for i in range(6):
        yv = y1 * i / 5; xv = x0 + (x1 - x0) * i / 5
        out.append(f'<text x="{L - 6}" y="{py(yv) + 4}" text-anchor="end">{yv:.3g}</text>')
        out.append(f'<line x1="{L}" y1="{py(yv)}" x2="{W - R}" y2="{py(yv)}" stroke="#eee"/>')
        out.append(f'<text x="{px(xv)}" y="{H - B + 16}" text-anchor="middle">{xv:.3g}</text>')
    out.append(f'<text x="{(L + W - R) / 2}" y="{H - 20}" text-anchor="middle">{xlabel}</text>')
    out.append(f'<text x="16" y="{(T + H - B) / 2}" transform="rotate(-90 16 {(T + H - B) / 2})" text-anchor="middle">{ylabel}</text>')
    k = 0
    for label, pts in series:
        c = COLORS[k % len(COLORS)]; k += 1
        out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (c, " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)))
        out.extend(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="2.5" fill="{c}"/>' for x, y in pts)
        out.append(f'<text x="{L + 10}" y="{T + 14 * k}" fill="{c}">{label}</text>')
    if right:
        r1 = max(y for _, pts in right for _, y in pts) * 1.1 or 1
        out.append(f'<line x1="{W - R}" y1="{T}" x2="{W - R}" y2="{H - B}" stroke="black"/>')
        for i in range(6):
            yv = r1 * i / 5
            out.append(f'<text x="{W - R + 6}" y="{py(yv, r1) + 4}">{yv:.3g}</text>')
        out.append(f'<text x="{W - 14}" y="{(T + H - B) / 2}" transform="rotate(90 {W - 14} {(T + H - B) / 2})" text-anchor="middle">{right_label}</text>')
        for label, pts in right:
            c = COLORS[k % len(COLORS)]; k += 1
            out.append('<polyline fill="none" stroke="%s" stroke-width="2" stroke-dasharray="5,3" points="%s"/>' % (c, " ".join(f"{px(x):.1f},{py(y, r1):.1f}" for x, y in pts)))
            out.append(f'<text x="{L + 10}" y="{T + 14 * k}" fill="{c}">{label} (right axis, dashed)</text>')
    svg(name, title, W, H, "\n".join(out) + "\n")


def bar_chart(name, title, groups, ylabel, target=None):
    """groups: [(group label, [(bar label, value)…])]"""
    W, H, L, T, B = 760, 400, 70, 40, 90
    vals = [v for _, bars in groups for _, v in bars] + ([target] if target else [])
    if not vals:
        return
    top = max(vals) * 1.15
    n = sum(len(b) for _, b in groups) + len(groups)
    bw = (W - L - 20) / max(n, 1)
    py = lambda y: H - B - y / top * (H - T - B)
    out = [f'<line x1="{L}" y1="{H - B}" x2="{W - 20}" y2="{H - B}" stroke="black"/>']
    for i in range(6):
        yv = top * i / 5
        out.append(f'<text x="{L - 6}" y="{py(yv) + 4}" text-anchor="end">{yv:.2f}</text>')
        out.append(f'<line x1="{L}" y1="{py(yv)}" x2="{W - 20}" y2="{py(yv)}" stroke="#eee"/>')
    x = L + bw / 2
    for gi, (glabel, bars) in enumerate(groups):
        gx = x
        for bi, (blabel, v) in enumerate(bars):
            c = COLORS[bi % len(COLORS)]
            out.append(f'<rect x="{x:.1f}" y="{py(v):.1f}" width="{bw * 0.9:.1f}" height="{H - B - py(v):.1f}" fill="{c}"/>')
            out.append(f'<text x="{x + bw * 0.45:.1f}" y="{py(v) - 4:.1f}" text-anchor="middle" font-size="10">{v:.2f}</text>')
            x += bw
        out.append(f'<text x="{(gx + x) / 2:.1f}" y="{H - B + 16}" text-anchor="middle">{glabel}</text>')
        x += bw
    for bi, (blabel, _) in enumerate(groups[0][1]):
        out.append(f'<text x="{L + 10}" y="{H - 30 + 14 * (bi - 1)}" fill="{COLORS[bi % len(COLORS)]}">■ {blabel}</text>')
    if target:
        out.append(f'<line x1="{L}" y1="{py(target):.1f}" x2="{W - 20}" y2="{py(target):.1f}" stroke="black" stroke-dasharray="6,4"/>')
        out.append(f'<text x="{W - 24}" y="{py(target) - 4:.1f}" text-anchor="end">target {target}</text>')
    out.append(f'<text x="16" y="{(T + H - B) / 2}" transform="rotate(-90 16 {(T + H - B) / 2})" text-anchor="middle">{ylabel}</text>')
    svg(name, title, W, H, "\n".join(out) + "\n")


def median(v):
    v = sorted(v)
    return v[(len(v) - 1) // 2] if v else 0


# 1. resolve / bare per label (median of its rounds)
r = rows("resolve-vs-bare.tsv")
labels = []
for row in r:
    if row["label"] not in labels:
        labels.append(row["label"])
groups = []
for lab in labels:
    rs = [x for x in r if x["label"] == lab]
    groups.append((lab, [("throughput ratio (median)", median([float(x["ratio"]) for x in rs])),
                         ("CPU-per-request ratio bare/resolve (median)", median([float(x["cpu_ratio"]) for x in rs if x.get("cpu_ratio")]))]))
bar_chart("resolve-vs-bare.svg", "POST /qr/resolve vs bare Vert.x, same run (wrk -t1 -c64)", groups, "ratio to bare", target=0.6)

# 2. latency and throughput against offered load
lat = [x for x in rows("latency-vs-load.tsv") if not x["label"].endswith("half-peak")]
if lat:
    last = os.environ.get("LATENCY_LABEL", lat[-1]["label"])  # the run to draw: the last one unless named
    pts = sorted((float(x["offered_rps"]), x) for x in lat if x["label"] == last)
    line_chart("latency-vs-load.svg", f"resolve: latency and throughput against offered load ({last})",
               [("p50 ms", [(o, float(x["p50_ms"])) for o, x in pts]), ("p95 ms", [(o, float(x["p95_ms"])) for o, x in pts]),
                ("p99 ms", [(o, float(x["p99_ms"])) for o, x in pts])],
               "offered scans per second (constant arrival rate)", "response time (ms)",
               right=[("achieved req/s", [(o, float(x["achieved_rps"])) for o, x in pts])], right_label="achieved requests per second")

# 3. end to end: shares sent, heap and RSS over time, one chart per run
for path in sorted(glob.glob(os.path.join(RES, "e2e-*.tsv"))):
    base = os.path.basename(path)[:-4]
    e = rows(os.path.basename(path))
    if not e:
        continue
    t = [float(x["t_s"]) for x in e]
    copies = [2 * float(x["sent"]) for x in e]
    line_chart(base + ".svg", f"end to end ({base}): copies sent, heap and RSS",
               [("signed copies delivered (cumulative)", list(zip(t, copies)))], "seconds", "copies",
               right=[("heap used MB", [(a, float(x["heap_mb"])) for a, x in zip(t, e) if x["heap_mb"] != "nan"]),
                      ("RSS MB", [(a, float(x["rss_mb"])) for a, x in zip(t, e) if x["rss_mb"] != "nan"])], right_label="MB")
