"""Where a glossary term is 'used': visible text only, longest term first (as the tooltips do)."""

from __future__ import annotations

from toolkit.site.glossary import usage
from toolkit.content.model import Term

RECOVERY = Term(id="recovery", term="recovery", definition="Living well.")
COLLEGE = Term(id="recovery-college", term="Recovery College", definition="A college.")
ACT = Term(id="equality-act", term="Equality Act", stands_for="the Equality Act 2010", definition="A law.")


def test_a_longer_term_is_not_a_use_of_the_shorter_one():
    pages = {"a.md": ("A", "Courses at the Recovery College."), "b.md": ("B", "Recovery takes time.")}
    used = usage([RECOVERY, COLLEGE], pages)
    assert used["recovery-college"] == [("A", "a.md")]
    assert used["recovery"] == [("B", "b.md")]


def test_text_inside_a_tooltip_is_not_a_use():
    html = '<abbr title="Changes the Equality Act requires.">reasonable adjustments</abbr> for all'
    assert usage([ACT], {"c.md": ("C", html)})["equality-act"] == []
    assert usage([ACT], {"c.md": ("C", "Under the Equality Act, employers must")})["equality-act"] == [("C", "c.md")]


def test_a_use_is_a_whole_word_as_the_tooltip_marks_it():
    # The same whole-word rule as search (glossary.mentions), but only the forms tooltips mark:
    # "recovery" joined by a hyphen, in capitals, or an `also` spelling is no use.
    peer = Term(id="psw", term="PSW", stands_for="peer support worker", definition="A.", also=["PSWs"])
    pages = {"a.md": ("A", "post-recovery care"), "b.md": ("B", "RECOVERY"), "c.md": ("C", "Recovery, then recovery."),
             "d.md": ("D", "Two PSWs"), "e.md": ("E", "A PSW.")}
    used = usage([RECOVERY, peer], pages)
    assert used["recovery"] == [("C", "c.md")]
    assert used["psw"] == [("E", "e.md")]
