"""Group sessions: a learning path with a `session:` block gets a facilitator plan, a one-page
participant handout and a sheet of its scenario cards, each a page that prints on A4.

The plan is for the person running the session (aims, timetable, room, ground rules,
confidentiality, what to do if someone is distressed, the scenarios in full, debrief); the
handout is what each participant takes away. See docs/authoring.md, "Session plans".
"""

from __future__ import annotations

from typing import Any

from toolkit.content.model import AUDIENCES
from toolkit.site import addresses
from toolkit.site import scenarios as cards_mod
from toolkit.site.addresses import audience_uri, cards_uri, handout_uri, path_uri, plan_uri, rel
from toolkit.site.paths import LoadedPath, _step_view, duration, total_minutes
from toolkit.site.templating import render_template


def clock(minutes: int) -> str:
    """Minutes from the start as h:mm, e.g. 0:00, 1:05."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def used_in(paths: list[LoadedPath]) -> dict[str, list[tuple[str, str]]]:
    """Card id -> [(session title, plan src_uri)] for every session that names the card."""
    out: dict[str, list[tuple[str, str]]] = {}
    for lp in paths:
        if lp.path.session is not None:
            for card in lp.path.session.scenarios:
                out.setdefault(card, []).append((lp.path.title, plan_uri(lp.path.id)))
    return out


def session_pages(paths: list[LoadedPath], cards: dict[str, cards_mod.LoadedCard], catalog: Any) -> dict[str, str]:
    """Return src_uri -> page text for the plan, handout and card sheet of every session path."""
    pages: dict[str, str] = {}
    for lp in paths:
        session = lp.path.session
        if session is None:
            continue
        p = lp.path
        uri = plan_uri(p.id)
        steps = [_step_view(s, catalog, uri) for s in p.steps]
        start = 0
        agenda = []
        for item in session.agenda:
            step = steps[item.step - 1] if item.step and item.step <= len(steps) else None
            card = cards.get(item.scenario) if item.scenario else None
            agenda.append(
                {
                    "item": item,
                    "start": clock(start),
                    "step": step,
                    "card": (card.card.title, "#card-" + card.card.id) if card else None,
                }
            )
            start += item.minutes
        used = [cards[c] for c in session.scenarios if c in cards]
        links = {
            "path": rel(path_uri(p.id), uri),
            "plan": rel(plan_uri(p.id), uri),
            "handout": rel(handout_uri(p.id), uri),
            "cards": rel(cards_uri(p.id), uri),
        }
        pages[uri] = render_template(
            "pages/session-plan.md.j2",
            p=p,
            s=session,
            agenda=agenda,
            steps=steps,
            links=links,
            length=duration(session.length),
            path_length=duration(total_minutes(lp, catalog)),
            audiences=[(AUDIENCES[a], rel(audience_uri(a), uri)) for a in p.audiences],
            cards=[cards_mod.card_html(c, catalog, uri, 3) for c in used],
            index_link=rel(addresses.SCENARIOS_INDEX_URI, uri),
        )
        h_uri = handout_uri(p.id)
        pages[h_uri] = render_template(
            "pages/session-handout.md.j2",
            p=p,
            s=session,
            length=duration(session.length),
            plan_link=rel(uri, h_uri),
            agenda=[{"item": a["item"], "start": a["start"]} for a in agenda],
            scenarios=[c.card.title for c in used],
        )
        c_uri = cards_uri(p.id)
        pages[c_uri] = render_template(
            "pages/scenario-sheet.md.j2",
            title=f"Scenario cards for {p.title[0].lower() + p.title[1:]}",
            per_page=2,
            index_link=rel(addresses.SCENARIOS_INDEX_URI, c_uri),
            plan_link=rel(uri, c_uri),
            cards=[cards_mod.card_html(c, catalog, c_uri, 2) for c in used],
        )
    return pages
