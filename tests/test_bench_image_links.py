"""The PNG link-density figure of benchmarks/bench_image.py measures what it says: whole
``journeymap export`` commands of the same generated map without and with two cyclic links a
card, the runs taking turns, the ratio of the least CPU each took."""

from __future__ import annotations

from PySide6.QtGui import QImage

from benchmarks import bench_image


def test_link_rows_time_both_maps_in_turn_and_give_the_ratio_of_the_least_cpu(tmp_path, monkeypatch):
    calls = []
    timed = bench_image.timed_process

    def recorded(args):
        calls.append(args[args.index("export") + 1])
        return timed(args)

    monkeypatch.setattr(bench_image, "timed_process", recorded)
    monkeypatch.setattr(bench_image, "LINK_RUNS", 2)
    rows = bench_image._link_rows(tmp_path, 12, 30)
    no_links, links = (str(tmp_path / f"links-12-{k}.json") for k in (0, 2))
    assert calls == [no_links, links, no_links, links]  # in turn
    assert [r["figure"].split(",")[1].strip() for r in rows] == [
        "0 cyclic links (2 runs",
        "24 cyclic links (2 runs",
    ]
    cpu = [float(r["pixels"].split(" s CPU")[0]) for r in rows]
    ratio, verdict = rows[1]["ok"].split("x: ")
    assert abs(float(ratio) - cpu[1] / cpu[0]) < 0.03  # the shown CPU times are rounded
    assert verdict == ("yes" if float(ratio) <= bench_image.LINK_TARGET else "NO")
    plain, linked = (QImage(str(tmp_path / f"links-12-{k}.png")) for k in (0, 2))
    assert plain.size() == linked.size() and not plain.isNull()
    assert plain != linked  # the links are drawn
