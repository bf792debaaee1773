"""The text report's layout: wrapping, tables, colour, literal text."""

from __future__ import annotations

import click

from voipscan.reports.plain import Table, Text, Writer


def test_wrapping_keeps_words_and_cuts_only_longer_ones() -> None:
    text = Text("alpha beta gamma delta " + "x" * 25)
    assert text.lines(12, color=False) == ["alpha beta", "gamma delta", "x" * 12, "x" * 12, "x"]


def test_styles_survive_wrapping_and_never_come_from_the_text() -> None:
    text = Text("FAIL", "red").append(" [red]not markup[/red] \x1b[0m", "")
    lines = text.lines(80, color=True)
    assert lines[0].startswith(click.style("FAIL", fg="red"))
    assert "[red]not markup[/red]" in lines[0]
    plain = Text("FAIL", "red").lines(80, color=False)
    assert plain == ["FAIL"]


def test_a_table_fits_the_width_folding_or_cutting_cells() -> None:
    table = Table()
    table.add_column("Target", flexible=True, min_width=6)
    table.add_column("Score", justify="right", wrap=False)
    table.add_row(Text("samples/freepbx/insecure-backup.tar.gz"), Text("100.0"))
    lines = list(table.render(30, color=False))
    assert all(len(line) <= 30 for line in lines)
    assert lines[0].startswith("Target") and lines[0].endswith("Score")
    assert lines[1] == "─" * 30
    assert "".join(line[:22].strip() for line in lines[2:]) == \
        "samples/freepbx/insecure-backup.tar.gz"
    assert lines[2].endswith("100.0")
    cut = Table(show_header=False)
    cut.add_column("where", wrap=False, flexible=True)
    cut.add_row(Text("a" * 50))
    assert list(cut.render(10, color=False)) == ["a" * 9 + "…"]


def test_the_writer_indents_and_hands_out_pieces() -> None:
    out = Writer(40, color=False)
    out.print(Text("one two three four five six seven eight nine ten"), indent=4)
    first = out.flush()
    assert first.splitlines() == ["    one two three four five six seven", "    eight nine ten"]
    assert out.flush() == ""
