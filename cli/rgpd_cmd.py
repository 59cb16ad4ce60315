"""``aiguillage rgpd``: a tenant's access and erasure requests (flows/rgpd.py).

    aiguillage rgpd export --tenant REF --out FICHIER.zip [--force] [--user LOGIN]
    aiguillage rgpd erase --tenant REF [--dry-run] [--json] [--user LOGIN]

Both are audited (``rgpd_exported``, ``rgpd_erased``: who, and counts; the tenant reference is
pseudonymised by the audit trail itself, and the erasure's event does not name it at all).
"""

from __future__ import annotations

import json
from pathlib import Path

from cli.errors import UsageError
from cli.who import login


def register(sub) -> None:
    p = sub.add_parser("rgpd", help="droits des locataires : accès à leurs données, effacement",
                       description="Répond aux demandes d'un locataire (RGPD) : l'archive de tout ce qui le "
                                   "concerne, ou l'effacement de ses données sauf ce qu'une obligation légale "
                                   "garde (README, « Conservation et purge »).")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ex = actions.add_parser("export", help="archive ZIP de ses documents, informations et événements")
    ex.add_argument("--tenant", required=True, metavar="REF", help="la référence du locataire")
    ex.add_argument("--out", required=True, metavar="FICHIER.zip", help="l'archive à écrire")
    ex.add_argument("--force", action="store_true", help="remplacer l'archive si elle existe déjà")
    ex.add_argument("--user", default=login(), metavar="PERSONNE", help="qui, nommé dans le journal d'audit")
    ex.set_defaults(func=run_export)
    er = actions.add_parser("erase", help="effacer ses données (sauf ce que la loi oblige à garder)")
    er.add_argument("--tenant", required=True, metavar="REF", help="la référence du locataire")
    er.add_argument("--dry-run", action="store_true", help="dire ce qui partirait et ce qui resterait, sans rien changer")
    er.add_argument("--json", action="store_true", help="le compte rendu en JSON")
    er.add_argument("--user", default=login(), metavar="PERSONNE", help="qui, nommé dans le journal d'audit")
    er.set_defaults(func=run_erase)


def _user(args) -> str:
    from storage.claims import check_user

    try:
        return check_user(args.user)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _open():
    from storage.audit.index import AuditIndex, default_url
    from wiring.runtime import runtime

    rt = runtime()
    return rt, AuditIndex(default_url(rt.settings))


def run_export(args) -> int:
    from flows.rgpd import export_tenant

    user = _user(args)
    out = Path(args.out)
    if out.suffix.lower() != ".zip":
        raise UsageError(f"--out : {out} : une archive .zip est attendue (ex. --out locataire.zip)")
    rt, index = _open()
    try:
        done = export_tenant(rt, index, args.tenant, out, user, force=args.force)
    finally:
        index.close()
    print(f"Locataire {done['tenant']} : {done['documents']} document(s) et {done['events']} événement(s) du "
          f"journal d'audit dans {done['out']} (sommaire : LISEZMOI.txt)")
    return 0


def run_erase(args) -> int:
    from flows.rgpd import erase_tenant

    user = _user(args)
    rt, index = _open()
    try:
        done = erase_tenant(rt, index, args.tenant, user, dry_run=args.dry_run)
    finally:
        index.close()
    if args.json:
        print(json.dumps(done, ensure_ascii=False))
        return 0
    print("\n".join(summary(done)))
    return 0


def summary(done: dict) -> list[str]:
    """The erasure's report as staff read it."""
    dry = done["dry_run"]
    lines = [f"Effacement des données du locataire {done['tenant']}" + (" (essai : rien n'est changé)" if dry else "")
             + " :"]
    verb = "à effacer" if dry else "effacé(s)"
    lines.append(f"  Documents {verb} : {len(done['erased'])}")
    for document_id in done["erased"]:
        lines.append(f"    - {document_id}")
    lines.append(f"  Documents gardés : {len(done['kept'])}")
    for document_id, why in done["kept"].items():
        lines.append(f"    - {document_id} : {why}")
    lines.append(f"  Apprentissages (nom, code postal retenus) {verb} : {done['lessons']}")
    audit = done["audit"]
    lines.append(f"  Journal d'audit : {audit['events']} événement(s) perdent leurs détails personnels"
                 + ("" if dry else f" ({audit['asides']} effacé(s))")
                 + " ; les événements restent à leur place et la chaîne reste vérifiable")
    if audit.get("kept_events"):
        lines.append(f"    {audit['kept_events']} événement(s) des documents gardés restent complets, et le lien "
                     "entre la référence et son pseudonyme est gardé tant qu'un document est sous conservation")
    elif not dry:
        lines.append("    la référence n'est plus reliée à son pseudonyme")
    if audit.get("legacy"):
        lines.append(f"    {audit['legacy']} événement(s) anciens (antérieurs aux pseudonymes) nomment encore la "
                     "référence : la chaîne d'empreintes ne peut pas être modifiée")
    return lines
