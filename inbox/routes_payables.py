"""Accounts payable's pages: lifting an invoice's alerts (bank details: two different people)
and the « Export comptable » page (runs so far, their files to download, what the next export
takes and holds back, and the button that runs it).

Only the team working the supplier invoices' queue reaches these; anyone else gets not-found,
as for every page outside their teams. A read-only (``lecture``) member sees everything and is
answered 403 on any action. Decisions and exports are the back end's (flows/payables.py,
flows/export.py), which audit them; downloading an export file is audited here, one event
per invoice the file holds.
"""

from __future__ import annotations

import re

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from config.errors import AiguillageError
from flows.payables import AlertRefused, clear_alert
from inbox import payables_view as pv
from inbox.routes_team import document_page, visible
from inbox.web import BadCsrf, Ctx, NotFound, check_doc_id, current, render
from storage import documents, exports
from storage.audit import AuditEvent, record
from storage.errors import ObjectNotFound, StorageError
from storage.workitems import Member

router = APIRouter()
FORMATS = ["csv", "cii"]
_RUN = re.compile(r"^[0-9A-Za-z-]{1,64}$")


def _payables_member(ctx: Ctx, team: str) -> Member:
    member = ctx.member(team)  # not one of the person's teams: not found
    if team != pv.ap_queue(ctx.rt):
        raise NotFound()
    return member


def _acting(request: Request, csrf: str, team: str) -> tuple[Ctx, Member, Response | None]:
    """Signed in, CSRF first, a member of accounts payable; a read-only member gets a 403 page."""
    ctx = current(request)
    if not ctx.session.check_csrf(csrf):
        raise BadCsrf()
    member = _payables_member(ctx, team)
    if not ctx.account.can_act:
        return ctx, member, render(ctx, request, "error.html", status=403, team=team, title="Action refusée",
                                   message="Votre compte est en lecture seule : vous pouvez consulter, "
                                           "pas lever une alerte ni lancer un export.")
    return ctx, member, None


@router.post("/equipes/{team}/documents/{document_id}/alertes/{code}")
def lift_alert(request: Request, team: str, document_id: str, code: str, csrf: str = Form(""),
               note: str = Form("")):
    ctx, member, refused = _acting(request, csrf, team)
    check_doc_id(document_id)
    visible(ctx, member, document_id)
    if refused is not None:
        return refused
    if code not in pv.ALERT_LABELS:
        raise NotFound()
    try:
        step = clear_alert(ctx.rt, document_id, code, ctx.account.login, note.strip()[:500])
    except AlertRefused as exc:
        ctx.flash(f"Refusé : {exc}", "error")
        return document_page(ctx, request, team, document_id, status=409)
    except documents.UnreadableArtefact as exc:
        ctx.flash(str(exc), "error")
        return document_page(ctx, request, team, document_id, status=409)
    except StorageError as exc:
        ctx.flash(f"stockage indisponible : {exc}", "error")
        return document_page(ctx, request, team, document_id, status=503)
    ctx.flash(f"« {pv.alert_label(code)} » : {pv.STEP_FLASH[step]}")
    return RedirectResponse(f"/equipes/{team}/documents/{document_id}", status_code=303)


@router.get("/equipes/{team}/export")
def export_page(request: Request, team: str):
    ctx = current(request)
    _payables_member(ctx, team)
    runs = pv.export_runs(ctx.rt.store)
    ready, held = pv.export_preview(ctx.rt)
    return render(ctx, request, "export.html", team=team, team_label=ctx.rt.taxonomy.queues[team],
                  runs=runs, ready=ready, held=held)


@router.post("/equipes/{team}/export")
def run_export(request: Request, team: str, csrf: str = Form("")):
    from flows.export import export_invoices

    ctx, _member, refused = _acting(request, csrf, team)
    if refused is not None:
        return refused
    back = RedirectResponse(f"/equipes/{team}/export", status_code=303)
    try:
        report = export_invoices(ctx.rt, None, FORMATS, ctx.account.login)
    except exports.ExportBusy as exc:
        ctx.flash(f"{exc} ; réessayez dans quelques minutes.", "error")
        return back
    except StorageError as exc:
        ctx.flash(f"stockage indisponible : {exc}", "error")
        return back
    except AiguillageError as exc:  # a bad export setting: its message names the key
        ctx.flash(exc.user_message(), "error")
        return back
    for run_id in report.recovered:
        ctx.flash(f"Export interrompu {run_id} terminé.", "info")
    if report.exported:
        n = len(report.exported)
        ctx.flash(f"{n} facture{'s' if n > 1 else ''} exportée{'s' if n > 1 else ''} : "
                  f"fichiers à télécharger ci-dessous (export {report.run_id}).")
    else:
        ctx.flash("Aucune facture à exporter.", "info")
    return back


@router.get("/equipes/{team}/export/{run_id}/{name}")
def download(request: Request, team: str, run_id: str, name: str):
    ctx = current(request)
    member = _payables_member(ctx, team)
    if not _RUN.match(run_id):
        raise NotFound()
    try:
        docs = pv.export_documents(ctx.rt.store, run_id, name)
        if docs is None:
            raise NotFound()
        data = exports.get_file(ctx.rt.store, run_id, name)
    except (ObjectNotFound, ValueError):  # ValueError: a name storage/layout refuses
        raise NotFound() from None
    for doc_id in docs:  # who took which invoice's data out of the app
        record(ctx.rt.store, AuditEvent("export_downloaded", doc_id, actor=member.user, queue=member.queue,
                                        details={"run": run_id, "file": name}))
    kind = "text/csv; charset=utf-8" if name.endswith(".csv") else "application/xml"
    return Response(data, media_type=kind, headers={"Content-Disposition": f'attachment; filename="{name}"'})
