"""A team's inbox, the document view, its page images and the actions on an item."""

from __future__ import annotations

import time

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, RedirectResponse

from inbox import access, payables_view, reads, views
from inbox.checks import ALL_FIELDS
from inbox.page_images import NoImage
from inbox.page_images import render as render_page
from inbox.web import Ctx, NotFound, acting, check_doc_id, current, render
from storage import claims, queues, workitems
from storage.errors import StorageError

router = APIRouter()


@router.get("/equipes/{team}")
def team_inbox(request: Request, team: str, type: str = "", residence: str = "", fournisseur: str = "",
               retard: str = "", alertes: str = ""):
    ctx = current(request)
    member = ctx.member(team)
    rows = views.listing(ctx.rt, member)
    shown = views.filter_rows(rows, type, residence, fournisseur, overdue=bool(retard), with_alerts=bool(alertes))
    sizes = views.queue_sizes(ctx.rt, ctx.members())
    flow = ctx.request.app.state.flows.today(ctx.rt, team)
    return render(ctx, request, "inbox.html", team=team, team_label=ctx.rt.taxonomy.queues[team], rows=shown,
                  total=len(rows), options=views.options(rows), sizes=sizes,
                  sizes_chart=views.sizes_chart(sizes, team),
                  flow_chart=views.flow_chart(*flow) if flow else None,
                  flow_totals=(sum(flow[0]), sum(flow[1])) if flow else None,
                  filters={"type": type, "residence": residence, "fournisseur": fournisseur, "retard": retard,
                           "alertes": alertes},
                  payable=team == payables_view.ap_queue(ctx.rt), alert_label=payables_view.alert_label,
                  hm=views.hm)


@router.get("/equipes/{team}/documents/{document_id}")
def document_view(request: Request, team: str, document_id: str):
    return document_page(current(request), request, team, document_id)


def document_page(ctx: Ctx, request: Request, team: str, document_id: str, status: int = 200):
    """The document view (also answered, with the reason flashed, to an action refused)."""
    member = ctx.member(team)
    check_doc_id(document_id)
    item, mark, rec = open_item(ctx, member, document_id)
    text = access.read_json(ctx, document_id, "text.json") or {}
    payable = team == payables_view.ap_queue(ctx.rt)
    return render(ctx, request, "document.html", status=status, team=team,
                  panel=payables_view.panel(ctx.rt, document_id, rec, ctx.account.login) if payable else None,
                  alert_label=payables_view.alert_label, team_label=ctx.rt.taxonomy.queues[team], item=item,
                  state=item_state(item, mark), rec=rec, pages=text.get("pages") or [],
                  fields=field_rows(rec.get("fields") if rec else item.fields),
                  rejected=(rec or {}).get("rejected_fields") or {},
                  type_label=_type_label(ctx, item.type), targets=_targets(ctx, team), hm=views.hm,
                  deadline=views.hm(queues.epoch(item.deadline)))


@router.get("/equipes/{team}/documents/{document_id}/pages/{number:int}")
def page_image(request: Request, team: str, document_id: str, number: int):
    ctx = current(request)
    member = ctx.member(team)
    check_doc_id(document_id)
    _item, rec = access.check(ctx, member, document_id)
    text = access.read_json(ctx, document_id, "text.json") or {}
    try:
        img = render_page(ctx.rt.store, page_cache(ctx), document_id, number, text, rec or {},
                          ctx.rt.settings["ocr.dpi"])
    except NoImage:
        raise NotFound() from None
    # who saw this page: the document view just before covers it, else an event of its own
    reads.of(request.app).page_read(ctx.rt.store, ctx.account.login, member.queue, document_id, number)
    return FileResponse(img.path, media_type="image/png", headers={"Cache-Control": "private, max-age=600"})


@router.post("/equipes/{team}/suivant")
def claim_next(request: Request, team: str, csrf: str = Form("")):
    ctx = acting(request, csrf)
    member = ctx.member(team)
    try:
        item, _ = workitems.claim(ctx.rt.store, member)
    except workitems.InboxError as exc:
        ctx.flash(str(exc), "info")
        return RedirectResponse(f"/equipes/{team}", status_code=303)
    return RedirectResponse(doc_url(ctx, team, item.document_id), status_code=303)


@router.post("/equipes/{team}/documents/{document_id}/{action}")
def act(request: Request, team: str, document_id: str, action: str, csrf: str = Form(""),
        note: str = Form(""), vers: str = Form(""), motif: str = Form("")):
    ctx = acting(request, csrf)
    member = ctx.member(team)
    check_doc_id(document_id)
    if action not in ACTIONS:
        raise NotFound()
    visible(ctx, member, document_id)
    store, back = ctx.rt.store, f"/equipes/{team}/documents/{document_id}"
    try:
        if action == "prendre":
            workitems.claim(store, member, document_id)
            ctx.flash("Document pris : il est à vous pour 30 minutes.")
        elif action == "rendre":
            workitems.release(store, member, document_id)
            ctx.flash("Document rendu à la file.")
            back = f"/equipes/{team}"
        elif action == "terminer":
            workitems.complete(store, member, document_id, note=note.strip()[:500])
            ctx.flash("Document traité.")
            back = f"/equipes/{team}"
        elif action == "reaiguiller":
            if vers not in dict(_targets(ctx, team)):  # exactly what the form offers
                raise workitems.BadTarget("choisissez la file de destination parmi celles proposées")
            workitems.reroute(store, member, document_id, vers, motif.strip()[:500])
            ctx.flash(f"Document réaiguillé vers « {ctx.rt.taxonomy.queues[vers]} ».")
            back = f"/equipes/{team}"
        elif action == "revoir":
            workitems.return_to_review(store, member, document_id, motif.strip()[:500],
                                   review_queue=ctx.rt.taxonomy.review_queue)
            ctx.flash("Document renvoyé en vidéocodage.")
            back = f"/equipes/{team}"
    except workitems.InboxError as exc:
        ctx.flash(str(exc), "error")
    except StorageError as exc:
        ctx.flash(f"stockage indisponible : {exc}", "error")
    return RedirectResponse(back, status_code=303)


ACTIONS = ("prendre", "rendre", "terminer", "reaiguiller", "revoir")


# -- shared with the station ----------------------------------------------------------------

def open_item(ctx: Ctx, member, document_id: str):
    """The item, its lease and the document's record for a person who opens it, if their
    team may see it now (inbox/access.py); the "viewed" event is logged."""
    _, rec = access.check(ctx, member, document_id)
    try:
        item, mark = workitems.show(ctx.rt.store, member, document_id)  # logs the "viewed" event
    except workitems.ItemNotFound:
        raise NotFound() from None
    reads.of(ctx.request.app).view_logged(ctx.account.login, document_id)  # its page images are covered
    if access.closed_too_long(item, ctx.rt.settings["web.closed_visible_hours"]):
        raise NotFound()  # closed long ago by a mark nobody had applied yet (just applied)
    return item, mark, rec


def visible(ctx: Ctx, member, document_id: str):
    """The item if this person's team may see it now (inbox/access.py; no audit event: for
    actions, the document view already logged the look)."""
    return access.check(ctx, member, document_id)[0]


def load_artefacts(ctx: Ctx, document_id: str) -> tuple[dict | None, dict]:
    return access.read_json(ctx, document_id, "record.json"), access.read_json(ctx, document_id, "text.json") or {}


def page_cache(ctx: Ctx):
    return ctx.rt.settings.home / "cache" / "pages"


def item_state(item, mark) -> dict:
    now = time.time()
    if not item.is_open:
        what = {"completed": "traité", "rerouted": "réaiguillé", "returned": "renvoyé en vidéocodage"}
        last = item.history[-1] if item.history else {}
        to = f" vers {last.get('to')}" if last.get("to") else ""
        return {"kind": "closed", "text": f"{what.get(item.state, item.state)}{to} par {last.get('actor', '?')}"}
    if mark is not None and mark.kind == claims.CLAIMED and mark.held(now):
        return {"kind": "held", "holder": mark.actor, "until": mark.expires,
                "text": f"pris par {mark.actor} jusqu'à {views.hm(mark.expires)}"}
    return {"kind": "free", "text": "libre"}


def field_rows(fields: dict | None) -> list[tuple[str, str, str]]:
    return [(k, ALL_FIELDS[k].label if k in ALL_FIELDS else k, str(v)) for k, v in (fields or {}).items()]


def doc_url(ctx: Ctx, team: str, document_id: str) -> str:
    if team == ctx.rt.taxonomy.review_queue:
        return f"/videocodage/{document_id}"
    return f"/equipes/{team}/documents/{document_id}"


def _type_label(ctx: Ctx, doc_type: str | None) -> str:
    return ctx.rt.taxonomy.types[doc_type].label if doc_type in ctx.rt.taxonomy.types else "non déterminé"


def _targets(ctx: Ctx, team: str) -> list[tuple[str, str]]:
    """Where the form offers to reroute, and all an action accepts: the other teams' queues
    (vidéocodage has its own button, « Renvoyer en vidéocodage »; quarantine is the pipeline's)."""
    tax = ctx.rt.taxonomy
    return [(q, label) for q, label in tax.queues.items() if q not in (team, tax.quarantine_queue, tax.review_queue)]
