"""The TempEval-3 scorer on tiny hand-made gold: strict, relaxed and value matches differ as they should."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.evaluate import GoldDocument, dateparser_system, Timex, evaluate, pair, read_gold, score_document

TEXT = "He left on Friday and came back two days later, in March 2011."
FRIDAY = Timex(11, 17, "DATE", "2011-03-04", "Friday")
TWO_DAYS_LATER = Timex(32, 46, "DATE", "2011-03-06", "two days later")
MARCH_2011 = Timex(51, 61, "DATE", "2011-03", "March 2011")
GOLD = GoldDocument("tiny", date(2011, 3, 7), TEXT, (FRIDAY, TWO_DAYS_LATER, MARCH_2011))


def test_identical_output_scores_one_everywhere():
    counts = score_document(GOLD, list(GOLD.timexes)).counts
    assert counts.scores()["strict_f1"] == counts.scores()["value_f1"] == counts.scores()["type_accuracy"] == 1.0


def test_wider_span_counts_as_relaxed_but_not_strict_match():
    on_friday = Timex(8, 17, "DATE", "2011-03-04", "on Friday")
    counts = score_document(GOLD, [on_friday, TWO_DAYS_LATER, MARCH_2011]).counts
    assert (counts.strict, counts.relaxed, counts.value) == (2, 3, 3)


def test_wrong_value_on_overlapping_span_counts_for_spans_only():
    wrong_year = Timex(51, 61, "DATE", "2012-03", "March 2011")
    counts = score_document(GOLD, [FRIDAY, TWO_DAYS_LATER, wrong_year]).counts
    assert (counts.strict, counts.relaxed, counts.value) == (3, 3, 2)
    assert counts.scores()["value_f1"] == pytest.approx(2 / 3)


def test_precision_counts_every_system_expression_and_recall_every_gold_one():
    spurious = Timex(0, 2, "DATE", "2011", "He")
    scores = score_document(GOLD, [FRIDAY, spurious]).counts.scores()
    assert scores["value_precision"] == 0.5
    assert scores["value_recall"] == pytest.approx(1 / 3)
    assert scores["value_f1"] == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))


def test_type_accuracy_is_over_relaxed_matches_only():
    as_time = Timex(11, 17, "TIME", "2011-03-04", "Friday")
    counts = score_document(GOLD, [as_time]).counts
    assert counts.scores()["type_accuracy"] == 0.0
    assert counts.relaxed == 1


def test_one_system_expression_pairs_with_one_gold_expression():
    whole = Timex(11, 61, "DATE", "2011-03-04", TEXT[11:61])
    pairs, missed, spurious = pair(GOLD.timexes, [whole])
    assert len(pairs) == 1 and len(missed) == 2 and not spurious


def test_totals_add_up_over_documents():
    total, results = evaluate([GOLD, GOLD], lambda text, reference: [FRIDAY])
    assert (total.system, total.gold, total.value) == (2, 6, 2)
    assert [result.doc for result in results] == ["tiny", "tiny"]


def _write_gold(path: Path) -> Path:
    timexes = [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value} for t in GOLD.timexes]
    path.write_text(json.dumps({"doc": "tiny", "dct": "2011-03-07", "text": TEXT, "timexes": timexes}) + "\n", encoding="utf-8")
    return path


def test_read_gold_reads_offsets_values_and_dct(tmp_path):
    [document] = read_gold(_write_gold(tmp_path / "gold.jsonl"))
    assert document.dct == date(2011, 3, 7)
    assert document.timexes == tuple(Timex(t.start, t.end, t.type, t.value, t.text) for t in GOLD.timexes)


def test_evaluate_command_prints_scores_as_json(tmp_path, capsys):
    assert main(["evaluate", str(_write_gold(tmp_path / "gold.jsonl")), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["gold"] == 3 and 0.0 <= scores["value_f1"] <= 1.0


def test_dateparser_baseline_keeps_the_precision_dateparser_reports():
    found = {t.text: t.value for t in dateparser_system("The talks began in March 2011.", date(2012, 5, 1))}
    assert found["in March 2011"] == "2011-03"


def test_expression_inside_a_long_gold_one_pairs_with_the_gold_it_matches():
    text = "It runs from 2009 to 2011."
    long_one = Timex(8, 25, "DURATION", "P2Y", "from 2009 to 2011")
    year = Timex(13, 17, "DATE", "2009", "2009")
    document = GoldDocument("nested", date(2008, 1, 1), text, (long_one, year))
    counts = score_document(document, [year]).counts
    assert (counts.strict, counts.value) == (1, 1)
